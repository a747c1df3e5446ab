using PartnerBot.Data;
using PartnerBot.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPartnerBotApplication();

var app = builder.Build();

app.MapBotEndpoints();
app.MapHealthEndpoints();

try
{
    app.Run();
}
catch (DataFolderLostException)
{
    // Already logged as Critical with what to do; a stack trace would only bury it.
    return 1;
}

return 0;

/// <summary>Exposed so tests can host the real application.</summary>
public partial class Program;
