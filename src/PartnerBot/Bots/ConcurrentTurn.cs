using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PartnerBot.Data.Activities;
using PartnerBot.Localization;

namespace PartnerBot.Bots;

/// <summary>
/// Runs a turn with optimistic concurrency on the dialog state, for several instances sharing one store (the
/// BotBuilder "scale-out" pattern): the state is read with its ETag and saved with it; when another instance
/// saved the conversation first, the turn runs again from the fresh state. Whatever the turn sends is held back
/// until its save succeeds, so the user sees the replies of exactly one attempt. After
/// <see cref="MaxAttempts"/> lost races the user is asked to try again, and nothing of the turn is kept.
/// Writes to the system of record stay exactly-once across attempts through their operation ids. Card updates in
/// place are not held: they only lock a card that was pressed, which a later attempt would lock the same way.
/// A turn that throws sends nothing it held; the adapter's error handler then speaks for it. A save that fails
/// for another reason (the store busy or down) sends what the turn said first, as a turn without concurrency
/// would have: those replies (a "busy, try again" card keeping the user's edits) belong to the state last saved.
/// </summary>
/// <param name="completion">
/// The turn's activity ledger entry, offered to every save with the answer the attempt gave (its invoke response),
/// so a store that can commits it with the state (<see cref="LedgerCompletion"/>).
/// </param>
public sealed class ConcurrentTurn(BotState state, ILogger logger, LedgerCompletion? completion = null)
{
    /// <summary>How many times a turn runs before giving up; a handful covers a user racing their own double-press.</summary>
    public const int MaxAttempts = 4;

    /// <summary>How many turns ran again after losing a save to another instance (for the benchmark and logs).</summary>
    public static long ConflictsRetried => Interlocked.Read(ref RetriedTurns);

    private static long RetriedTurns;

    /// <summary>Remembers that this turn applied the change <paramref name="operationId"/>.</summary>
    public static void RecordApplied(ITurnContext turnContext, string operationId)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // Kept for the turn across attempts (TurnMemo lives as long as the turn's TurnState).
        var memo = TurnMemo.Of(turnContext);
        memo.AppliedOperations ??= new HashSet<string>(StringComparer.Ordinal);
        memo.AppliedOperations.Add(operationId);
    }

    /// <summary>
    /// Whether an earlier attempt of this same turn applied <paramref name="operationId"/>. A re-run then finds the
    /// change "already applied", but the user never saw the attempt that applied it, so it answers as that attempt
    /// would have; a second press of an old card or a replayed activity is another turn and still hears "already".
    /// </summary>
    public static bool AppliedEarlierInThisTurn(ITurnContext turnContext, string operationId)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return TurnMemo.Find(turnContext)?.AppliedOperations?.Contains(operationId) == true;
    }

    public async Task RunAsync(ITurnContext turnContext, Func<ITurnContext, CancellationToken, Task> turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(turn);
        var held = new List<Func<Task>>();
        InvokeResponse? heldAnswer = null;
        var holding = true;
        turnContext.OnSendActivities(async (context, activities, next) =>
        {
            if (!holding)
            {
                return await next().ConfigureAwait(false);
            }

            heldAnswer = activities.LastOrDefault(a => a.Type == ActivityTypesEx.InvokeResponse)?.Value as InvokeResponse ?? heldAnswer;
            held.Add(() => context.SendActivitiesAsync([.. activities], cancellationToken));
            return [.. activities.Select(a => new ResourceResponse(a.Id ?? Guid.NewGuid().ToString("N")))];
        });
        for (var attempt = 1; ; attempt++)
        {
            held.Clear();
            heldAnswer = null;
            try
            {
                await state.LoadAsync(turnContext, force: true, cancellationToken).ConfigureAwait(false);
                await turn(turnContext, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                holding = false;
                throw;
            }

            try
            {
                if (completion is null)
                {
                    await state.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    completion.Answer = heldAnswer is null ? null : LedgerAnswer.Write(heldAnswer);
                    await completion.DuringSaveAsync(() => state.SaveChangesAsync(turnContext, false, cancellationToken)).ConfigureAwait(false);
                }

                break;
            }
            catch (ArgumentException ex) when (IsStateConflict(ex))
            {
                Interlocked.Increment(ref RetriedTurns);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation(
                        "Conversation {ConversationId} was saved by another turn first (attempt {Attempt} of {MaxAttempts})",
                        turnContext.Activity.Conversation?.Id,
                        attempt,
                        MaxAttempts);
                }
                if (attempt == MaxAttempts)
                {
                    held.Clear();
                    holding = false;
                    await SayTryAgainAsync(turnContext, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            catch
            {
                holding = false;
                await SendAsync(held).ConfigureAwait(false);
                throw;
            }
        }

        holding = false;
        await SendAsync(held).ConfigureAwait(false);
    }

    private static async Task SendAsync(List<Func<Task>> held)
    {
        foreach (var send in held)
        {
            await send().ConfigureAwait(false);
        }
    }

    private static async Task SayTryAgainAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var text = SharedTexts.ConversationChangedMeanwhile.In(UiLanguages.FromLocale(turnContext.Activity.Locale));
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            // A card press must get an invoke response; a message response shows the text and leaves the card as it was.
            await turnContext.SendActivityAsync(
                new Activity
                {
                    Type = ActivityTypesEx.InvokeResponse,
                    Value = new InvokeResponse
                    {
                        Status = 200,
                        Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = text },
                    },
                },
                cancellationToken).ConfigureAwait(false);
            return;
        }

        await turnContext.SendActivityAsync(MessageFactory.Text(text), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The storage's ETag conflict (MemoryStorage's own message, which SqliteStorage and PostgresStorage throw too).</summary>
    public static bool IsStateConflict(Exception exception) =>
        exception is ArgumentException && exception.Message.StartsWith("Etag conflict", StringComparison.Ordinal);
}
