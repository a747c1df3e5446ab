using PartnerBot.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPartnerBot();
builder.AddStore();
builder.AddConversations();

var app = builder.Build();

app.MapBotEndpoints();
app.MapHealthEndpoints();

app.Run();

/// <summary>Exposed so tests can host the real application.</summary>
public partial class Program;
