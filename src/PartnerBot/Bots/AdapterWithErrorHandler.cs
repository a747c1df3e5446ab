using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using PartnerBot.Localization;

namespace PartnerBot.Bots;

/// <summary>
/// The real CloudAdapter with a turn error handler that logs with a correlation id, tells the user that id,
/// and keeps the conversation state: state is saved only at the end of a successful turn, so the user's
/// dialog is exactly where it was before the failed turn and "try again" works.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    // It must not say "nothing was changed": a turn can fail after its change was applied and recorded.
    // Trying again is safe either way (a confirmed change carries its operation id and applies once at most).
    private static readonly Text Apology = new(
        "Sorry, something went wrong on my side. Reference: {0}. You can try again (a change you confirmed is applied once at most), or say *start over*.",
        "Przepraszam, coś poszło nie tak po mojej stronie. Identyfikator: {0}. Spróbuj ponownie (potwierdzona zmiana zostanie zastosowana najwyżej raz) albo napisz *od nowa*.");

    public AdapterWithErrorHandler(
        BotFrameworkAuthentication auth,
        ILogger<AdapterWithErrorHandler> logger,
        IEnumerable<Microsoft.Bot.Builder.IMiddleware> middleware)
        : base(auth, logger)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        foreach (var m in middleware)
        {
            Use(m);
        }

        OnTurnError = async (turnContext, exception) =>
        {
            var correlationId = Guid.NewGuid().ToString("N")[..12];
            logger.LogError(
                exception,
                "Turn failed. CorrelationId={CorrelationId} ActivityId={ActivityId} Conversation={ConversationId}",
                correlationId,
                turnContext.Activity?.Id,
                turnContext.Activity?.Conversation?.Id);

            var language = UiLanguages.FromLocale(turnContext.Activity?.Locale);
            try
            {
                await turnContext.SendActivityAsync(Apology.Format(language, correlationId));
            }
            catch (Exception sendFailure) when (sendFailure is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                logger.LogError(sendFailure, "Could not tell the user about failure {CorrelationId}", correlationId);
            }
        };
    }
}
