using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using PartnerBot.Localization;

namespace PartnerBot.Bots;

public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The partner's own tenant. When set, activities from any other tenant are refused.</summary>
    public string? AllowedTenantId { get; set; }

    /// <summary>
    /// When set (pl-PL or en-US), every activity is answered in this language whatever locale it carries: the
    /// Agents Playground always sends en-US, so this is how its users see the Polish side (build/run.sh --polish).
    /// Teams sends each person's own language; leave it empty there.
    /// </summary>
    public string? LocaleOverride { get; set; }
}

/// <summary>Refuses activities from other tenants (when a tenant is configured) before any dialog sees them.</summary>
public sealed class TenantGuardMiddleware(IOptions<TeamsOptions> options, ILogger<TenantGuardMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var allowed = options.Value.AllowedTenantId;
        if (!string.IsNullOrWhiteSpace(allowed))
        {
            var tenant = TurnIdentity.TenantId(turnContext);
            if (!string.Equals(tenant, allowed, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("Refused an activity from tenant {TenantId}", tenant);
                if (turnContext.Activity.Type == ActivityTypes.Message)
                {
                    await turnContext.SendActivityAsync(
                        SharedTexts.OtherTenantRefused.In(UiLanguages.FromLocale(turnContext.Activity.Locale)),
                        cancellationToken: cancellationToken);
                }

                return;
            }
        }

        await next(cancellationToken);
    }
}
