using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using PartnerBot.Data;
using PartnerBot.Localization;

namespace PartnerBot.Bots;

/// <summary>
/// The real CloudAdapter with a turn error handler that logs with a correlation id, tells the user that id,
/// and keeps the conversation state: state is saved only at the end of a successful turn, so the user's
/// dialog is exactly where it was before the failed turn and "try again" works.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    private static readonly Text Apology = new(
        "Sorry, something went wrong on my side. Nothing was changed. Reference: {0}. You can try again, or say *start over*.",
        "Przepraszam, coś poszło nie tak po mojej stronie. Niczego nie zmieniono. Identyfikator: {0}. Spróbuj ponownie albo napisz *od nowa*.");

    private static readonly Text StoreBusy = new(
        "The database is busy, please try again. Reference: {0}.",
        "Baza danych jest zajęta, spróbuj ponownie. Identyfikator: {0}.");

    private static readonly Text StoreUnavailable = new(
        "I can't save anything right now: the database is not available. Reference: {0}. Please try again later.",
        "Nie mogę teraz niczego zapisać: baza danych jest niedostępna. Identyfikator: {0}. Spróbuj ponownie później.");

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
                await turnContext.SendActivityAsync(AnswerFor(exception).Format(language, correlationId));
            }
            catch (Exception sendFailure) when (sendFailure is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                logger.LogError(sendFailure, "Could not tell the user about failure {CorrelationId}", correlationId);
            }
        };
    }

    /// <summary>
    /// A store fault gets its own words: "busy" tells the user that trying again soon will work, "not available"
    /// that it will not until someone fixes the database. Either way the dialog state was not saved.
    /// </summary>
    private static Text AnswerFor(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreBusyException:
                    return StoreBusy;
                case StoreUnavailableException:
                    return StoreUnavailable;
            }
        }

        return Apology;
    }
}
