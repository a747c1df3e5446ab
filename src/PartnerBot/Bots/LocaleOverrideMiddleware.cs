using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace PartnerBot.Bots;

/// <summary>
/// Gives every activity the locale of <see cref="TeamsOptions.LocaleOverride"/>, before any dialog reads it, so
/// that a client that cannot send another language (the Agents Playground) can still be answered in it.
/// </summary>
public sealed class LocaleOverrideMiddleware(IOptions<TeamsOptions> options) : Microsoft.Bot.Builder.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (options.Value.LocaleOverride is { Length: > 0 } locale)
        {
            turnContext.Activity.Locale = locale;
        }

        return next(cancellationToken);
    }
}
