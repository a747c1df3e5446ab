using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using PartnerBot.Benchmarks.Baseline;

// The yardstick of the turn benchmark (issue 13): what a turn costs with nothing but the Bot Framework itself.
// The SDK's CloudAdapter, ConversationState on MemoryStorage, and a reply carrying a 2 KB Adaptive Card.
// Authentication follows the standard settings; the benchmark runs it without an app id on loopback, as PartnerBot.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
builder.Services.AddSingleton<IStorage, MemoryStorage>();
builder.Services.AddSingleton<ConversationState>();
// CloudAdapter has several public constructors: a factory keeps DI unambiguous.
builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(
    sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
builder.Services.AddSingleton<IBot, BaselineBot>();

var app = builder.Build();
app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot) =>
    adapter.ProcessAsync(request, response, bot));
app.MapGet("/readyz", () => "ready");
app.Run();
