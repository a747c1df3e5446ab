using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using PartnerBot.Cards;
using PartnerBot.Data;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Customers;
using PartnerBot.Localization;
using PartnerBot.PartnerCenter;

namespace PartnerBot.Bots;

/// <summary>
/// The real CloudAdapter with a turn error handler that logs with a correlation id, tells the user that id,
/// and keeps the conversation state: state is saved only at the end of a successful turn, so the user's
/// dialog is exactly where it was before the failed turn and "try again" works.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    private readonly ILogger<AdapterWithErrorHandler> _logger;

    public AdapterWithErrorHandler(
        BotFrameworkAuthentication auth,
        ILogger<AdapterWithErrorHandler> logger,
        IEnumerable<Microsoft.Bot.Builder.IMiddleware> middleware)
        : base(auth, logger)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _logger = logger;
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

            if (PartnerCenterAnswers.Find<PartnerCenterException>(exception)?.AdminAdvice is { } advice)
            {
                // The operator's half of the answer: the user is told to ask an administrator, with this id.
                logger.LogError("Partner Center access needs an administrator (CorrelationId={CorrelationId}): {Advice}", correlationId, advice);
            }

            var language = UiLanguages.FromLocale(turnContext.Activity?.Locale);
            var answer = AnswerFor(exception).Format(language, correlationId);
            try
            {
                if (UniversalAction.Is(turnContext.Activity!) && turnContext.TurnState.Get<object>(InvokeResponseKey) is null)
                {
                    // A pressed button gets its answer on the card it was pressed on, not a 501 and a stray message.
                    var body = CardActionReply.Answer(AdaptiveCard.Saying([answer]).ToRaw());
                    await turnContext.SendActivityAsync(new Activity
                    {
                        Type = ActivityTypesEx.InvokeResponse,
                        Value = new InvokeResponse { Status = StatusCodes.Status200OK, Body = body },
                    });
                }
                else
                {
                    await turnContext.SendActivityAsync(answer);
                }
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
                    return SharedTexts.StoreBusyTurn;
                case StoreUnavailableException:
                    return SharedTexts.StoreUnavailable;
                case CustomerListLoadingException:
                    return SharedTexts.CustomerListLoading;
                case PartnerCenterException partnerCenter:
                    return PartnerCenterAnswers.For(partnerCenter.Failure);
            }
        }

        return SharedTexts.Apology;
    }

    /// <summary>
    /// Authenticates the activity with the SDK's own validation and runs the turn, answering 401 for every
    /// way a token can fail. CloudAdapter.ProcessAsync maps only UnauthorizedAccessException to 401: a
    /// malformed, unsigned, not-yet-valid or wrongly signed token throws other exceptions from IdentityModel
    /// and became a 500; and it logs each refusal as an error with its stack, which lets anyone flood the
    /// error log. Whatever authentication throws, no turn has run, so it is the caller's fault: 401.
    /// </summary>
    public async Task ProcessChannelActivityAsync(Activity activity, string? authHeader, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(bot);

        AuthenticateRequestResult authentication;
        try
        {
            authentication = await BotFrameworkAuthentication.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reason only (IdentityModel hides token contents in its messages); a refusal is no server fault.
            _logger.LogWarning(
                "Refused an activity (401) on channel {ChannelId}: {Reason}: {Message}",
                activity.ChannelId,
                ex.GetType().Name,
                ex.Message);
            response.StatusCode = StatusCodes.Status401Unauthorized;
            await response.WriteAsync("The request is not authenticated.", cancellationToken);
            return;
        }

        var invokeResponse = await ProcessActivityAsync(authentication, activity, bot.OnTurnAsync, cancellationToken);
        await ReplyBody.WriteAsync(response, invokeResponse, cancellationToken);
    }
}
