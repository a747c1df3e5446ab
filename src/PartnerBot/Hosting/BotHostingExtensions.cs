using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using PartnerBot.Bots;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Hosting;

public static class BotHostingExtensions
{
    /// <summary>
    /// The Bot Framework pieces: authentication from the standard settings (MicrosoftAppType, MicrosoftAppId,
    /// MicrosoftAppPassword, MicrosoftAppTenantId), the CloudAdapter with its error handler, and the bot.
    /// </summary>
    public static IHostApplicationBuilder AddPartnerBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.SectionName);
        services.AddSettings<RolePolicy>(RolePolicy.SectionName);
        services.AddSingleton(TimeProvider.System);
        services.AddSettings<SubmitRateLimitOptions>(SubmitRateLimitOptions.SectionName, limits =>
            limits.WriteSubmitsPerMinute < 1 ? $"{SubmitRateLimitOptions.SectionName}:WriteSubmitsPerMinute must be at least 1 (it is {limits.WriteSubmitsPerMinute})." : null);
        services.AddSingleton<SubmitRateLimiter>();
        services.AddSingleton<AccountAuthorization>();

        services.AddSingleton<ConfigurationBotFrameworkAuthentication>();
        // The SDK's own authentication; the wrapper only keeps the connector client the adapter makes every turn.
        services.AddSingleton<BotFrameworkAuthentication>(sp => new TurnClientsAuthentication(sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>()));
        // The locale first, so that even the tenant guard's refusal is in the overriding language.
        services.AddSingleton<Microsoft.Bot.Builder.IMiddleware, LocaleOverrideMiddleware>();
        services.AddSingleton<Microsoft.Bot.Builder.IMiddleware, TenantGuardMiddleware>();
        // CloudAdapter has several public constructors; a subclass with one keeps DI unambiguous.
        services.AddSingleton<AdapterWithErrorHandler>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        services.AddSingleton<IBot, PartnerTeamsBot>();
        services.AddHostedService<AuthenticationWarning>();
        services.AddHostedService<TieringWarning>();
        services.AddReadiness();
        return builder;
    }

    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", async (HttpRequest request, HttpResponse response, AdapterWithErrorHandler adapter, IBot bot, CancellationToken cancellationToken) =>
        {
            using var whole = await ActivityShape.TryReadAsync(request.Body, request.ContentLength, cancellationToken);
            if (whole is null)
            {
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await response.WriteAsync($"An activity may be at most {ActivityShape.MaxBytes} bytes.", cancellationToken);
                return;
            }

            var body = whole.Bytes;
            var problem = ActivityShape.Problem(body.Span);
            Activity? activity = null;
            if (problem is null)
            {
                (activity, problem) = ActivityShape.Deserialize(body);
            }

            if (problem is not null || activity is null)
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
                await response.WriteAsync(problem ?? "The body is not an activity.", cancellationToken);
                return;
            }

            await adapter.ProcessChannelActivityAsync(activity, request.Headers.Authorization, response, bot, cancellationToken);
        });
        return endpoints;
    }
}
