using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// How the purchase permission conversation starts: what the request said (a customer named or already chosen,
/// allow, revoke, or neither), and, after a backend failure, the change to submit again, so "try again" reuses
/// its operation id and cannot apply twice.
/// </summary>
public sealed class PurchasePermissionOptions
{
    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? CustomerQuery { get; set; }

    /// <summary>true = allow, false = revoke, null = not said (show the state and ask).</summary>
    public bool? Allow { get; set; }

    public string? ResubmitChangeId { get; set; }
}

/// <summary>What the conversation keeps between turns: the customer as reviewed, the switch asked for, the change id.</summary>
public sealed class PurchasePermissionState
{
    public string CustomerId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public bool WasAllowed { get; set; }

    public bool HasAzurePlan { get; set; }

    public bool Allow { get; set; }

    /// <summary>Names the confirm card and is the write's idempotency key.</summary>
    public string? ChangeId { get; set; }
}

/// <summary>
/// Allow or revoke a customer's purchases, or show the state: which customer (the shared customer choice),
/// allow or revoke (asked on a card that shows the state and what the switch means), confirm, then the
/// <see cref="PurchasePermissionService"/> checks the role now, refuses a customer without an Azure plan,
/// writes, and records.
/// </summary>
public sealed class PurchasePermissionDialog : ComponentDialog
{
    public const string DialogId = "PurchasePermissionDialog";

    /// <summary>"allow Contoso to buy …", "block purchases for …", "can Tailspin buy …?", or the welcome card's button (the state first).</summary>
    public static readonly ConversationRoute Route = new(
        DialogId,
        [Intent.AllowPurchases, Intent.RevokePurchases, Intent.AskPurchaseState],
        new ConversationButton(CardActions.PurchasePermission, Intent.AskPurchaseState),
        start => new PurchasePermissionOptions
        {
            CustomerQuery = start.CustomerQuery,
            CustomerId = start.CustomerId,
            CustomerName = start.CustomerName,
            Allow = start.Intent switch
            {
                Intent.AllowPurchases => true,
                Intent.RevokePurchases => false,
                _ => null,
            },
        });
    private const string StepsId = DialogId + ".steps";
    private const string DirectionPrompt = "permissionDirection";
    private const string ConfirmPrompt = "permissionConfirm";
    private const string RecoveryPrompt = "permissionRecovery";
    private const string RunKey = "run";
    private const string StateKey = "permission";
    private const int MaxAttempts = 5;

    private readonly ICustomerDirectory _directory;
    private readonly StaffAccess _access;
    private readonly SubmitRateLimiter _limiter;
    private readonly PurchasePermissionService _permissions;
    private readonly RolePolicy _policy;
    private readonly TimeProvider _clock;
    private readonly ILogger<PurchasePermissionDialog> _logger;

    public PurchasePermissionDialog(
        ICustomerDirectory directory,
        StaffAccess access,
        SubmitRateLimiter limiter,
        PurchasePermissionService permissions,
        RolePolicy policy,
        CustomerChoiceDialog customerChoice,
        TimeProvider clock,
        ILogger<PurchasePermissionDialog> logger)
        : base(DialogId)
    {
        _directory = directory;
        _access = access;
        _limiter = limiter;
        _permissions = permissions;
        _policy = policy;
        _clock = clock;
        _logger = logger;
        AddDialog(customerChoice);
        AddDialog(new ChoicePrompt(DirectionPrompt));
        AddDialog(new CardFormPrompt(ConfirmPrompt, ChangeCardPress.ValidateAsync));
        AddDialog(new CardFormPrompt(RecoveryPrompt, ChangeCardPress.ValidateAsync));
        AddDialog(new WaterfallDialog(StepsId, [ChooseAsync, StateAsync, ConfirmAsync, SubmitAsync, RecoverAsync]));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> ChooseAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var run = step.GetOptions<PurchasePermissionOptions>() ?? new PurchasePermissionOptions();
        step.Values[RunKey] = run;

        // Asked to switch: may they switch? Asked about the state: may they look? Told before any customer choice.
        var action = run.Allow is null ? PartnerAction.ViewAccount : PartnerAction.ChangePurchasePermission;
        if (await _access.CheckAsync(step.Context, action, cancellationToken) is null)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        return await CustomerChoiceDialog.ChooseAsync(step, run.CustomerId, run.CustomerName, run.CustomerQuery, cancellationToken);
    }

    private async Task<DialogTurnResult> StateAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not ChosenCustomer chosen)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var run = step.GetValue<PurchasePermissionOptions>(RunKey)!;
        if (await _access.ReadWithPermissionsAsync(step.Context, cancellationToken) is not var (read, may))
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var account = await _directory.GetAccountAsync(read, chosen.CustomerId, cancellationToken);
        if (account is null)
        {
            await step.Context.SayAsync(SharedTexts.Gone, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var state = new PurchasePermissionState
        {
            CustomerId = account.CustomerId,
            CustomerName = account.Billing.CompanyName,
            WasAllowed = account.PurchasePermission.IsAllowed,
            HasAzurePlan = account.HasAzurePlan,
        };
        step.Values[StateKey] = state;
        if (run.Allow is bool allow)
        {
            return await step.NextAsync(allow, cancellationToken);
        }

        // Not said: show the state and what it means, with the switch that would change it.
        var l = TurnLanguage.Of(step.Context);
        Bots.SharedCardViews.ShowsPurchasePermission(step.Context, state.CustomerId, state.WasAllowed, state.HasAzurePlan);
        return await step.PromptAsync(
            DirectionPrompt,
            new PromptOptions
            {
                Prompt = PromptMessage.FromCard(Card(state, may.MayChangePurchasePermission)),
                RetryPrompt = PromptMessage.FromText(PurchasePermissionTexts.UseButtons.In(l)),
                Choices = PurchasePermissionCards.StateChoices(state.WasAllowed).ToChoices(l),
                MaxAttempts = MaxAttempts,
            },
            cancellationToken);
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var run = step.GetValue<PurchasePermissionOptions>(RunKey)!;
        var state = step.GetValue<PurchasePermissionState>(StateKey)!;
        bool allow;
        switch (step.Result)
        {
            case bool said:
                allow = said;
                break;
            case FoundChoice { Value: PurchasePermissionCards.Allow or PurchasePermissionCards.Revoke } found:
                // The state card was shown to a viewer; switching is checked now, before the confirm card.
                if (await _access.CheckAsync(step.Context, PartnerAction.ChangePurchasePermission, cancellationToken) is null)
                {
                    return await step.EndDialogAsync(null, cancellationToken);
                }

                allow = found.Value == PurchasePermissionCards.Allow;
                break;
            case FoundChoice:
                await step.Context.SayAsync(PurchasePermissionTexts.Closing, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            default:
                await step.Context.SayAsync(SharedTexts.TooManyAttempts, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }

        state.Allow = allow;
        if (run.ResubmitChangeId is { } resubmit)
        {
            state.ChangeId = resubmit;
            step.Values[StateKey] = state;
            return await step.NextAsync(new JObject { [CardActions.Key] = ChangesCards.Confirm, [ChangesCards.ChangeIdKey] = resubmit }, cancellationToken);
        }

        if (allow == state.WasAllowed)
        {
            await step.Context.SayAsync(allow ? PurchasePermissionTexts.AlreadyAllowed : PurchasePermissionTexts.AlreadyOff, cancellationToken, state.CustomerName);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        state.ChangeId = Guid.NewGuid().ToString("N");
        step.Values[StateKey] = state;
        Bots.SharedCardViews.ShowsPurchasePermission(step.Context, state.CustomerId, state.WasAllowed, state.HasAzurePlan, allow, state.ChangeId);
        return await ChangeCardPress.PromptAsync(
            step, ConfirmPrompt, Card(state, mayChange: true) with { Allow = allow, ChangeId = state.ChangeId }, state.ChangeId, MaxAttempts, cancellationToken);
    }

    private async Task<DialogTurnResult> SubmitAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<PurchasePermissionState>(StateKey)!;
        var l = TurnLanguage.Of(step.Context);
        if (step.Result is not JObject pressed)
        {
            await step.Context.SayAsync(SharedTexts.TooManyAttempts, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        // "Try again" of a retry card with this change's id confirms it: the turn that sent that card may not
        // have saved the dialog (a busy database), so the dialog can still be waiting here.
        if (CardSubmit.Meaning(pressed) is not (ChangesCards.Confirm or ChangesCards.TryAgain))
        {
            await PressedCard.ShowOutcomeAsync(
                step.Context, ChangesCards.CancelledCard(new ChangesView(state.CustomerName, [], l)), null, _logger, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        // The user is taken from this turn and the service looks their role up now, not when the dialog began.
        var actor = TurnIdentity.Sender(step.Context);
        if (actor is null)
        {
            await step.Context.SayAsync(SharedTexts.WhoAreYou, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var outcome = await _permissions.ChangeAsync(
            actor, new PurchasePermissionRequest(state.CustomerId, state.Allow, state.ChangeId!, step.Context.Activity.Id, state.CustomerName), cancellationToken);
        switch (outcome.Status)
        {
            case PurchasePermissionStatus.Applied:
            case PurchasePermissionStatus.AlreadyApplied when ConcurrentTurn.AppliedEarlierInThisTurn(step.Context, state.ChangeId!):
                ConcurrentTurn.RecordApplied(step.Context, state.ChangeId!);
                var allowed = outcome.IsAllowedNow ?? state.Allow;
                var view = View(state, l) with { IsAllowed = allowed };
                await PressedCard.ShowOutcomeAsync(
                    step.Context,
                    PurchasePermissionCards.SubmittedCard(view, allowed, outcome.ActorName ?? actor.DisplayName, _clock.GetUtcNow(), TurnClock.ZoneOf(step.Context)),
                    (allowed ? PurchasePermissionTexts.AppliedAllow : PurchasePermissionTexts.AppliedRevoke).Format(l, state.CustomerName),
                    _logger,
                    cancellationToken);
                return await step.EndDialogAsync(allowed, cancellationToken);
            case PurchasePermissionStatus.AlreadyApplied:
                await step.Context.SayAsync(SharedTexts.AlreadySubmitted, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.AlreadyInState:
                await step.Context.SayAsync(state.Allow ? PurchasePermissionTexts.AlreadyAllowed : PurchasePermissionTexts.AlreadyOff, cancellationToken, state.CustomerName);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.Refused:
                await step.Context.SayAsync(
                    PurchasePermissionTexts.RefusedToChange,
                    cancellationToken,
                    StaffAccess.Held(outcome.HeldRoles ?? [], l),
                    RoleNames.List(outcome.AllowedRoles ?? [], l));
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.RoleUnverified:
                await step.Context.SayAsync(SharedTexts.RoleUnverified, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.NoAzurePlan:
                await step.Context.SayAsync(PurchasePermissionTexts.NoAzurePlanRefusal, cancellationToken, state.CustomerName);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.RateLimited:
                return await ChangeCardPress.PromptAsync(
                    step, RecoveryPrompt, Retry(SharedTexts.SlowDown.Format(l, _limiter.PerMinute), state), state.ChangeId!, MaxAttempts, cancellationToken);
            case PurchasePermissionStatus.Failed:
                return await ChangeCardPress.PromptAsync(
                    step,
                    RecoveryPrompt,
                    Retry(
                        PartnerCenterAnswers.AtSubmit(outcome.Error, l, _logger)
                            ?? (outcome.Busy ? SharedTexts.StoreBusy.In(l) : PurchasePermissionTexts.RetryMessage.Format(l, state.CustomerName)),
                        state),
                    state.ChangeId!,
                    MaxAttempts,
                    cancellationToken);
            default:
                await step.Context.SayAsync(SharedTexts.Gone, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }
    }

    private static async Task<DialogTurnResult> RecoverAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<PurchasePermissionState>(StateKey)!;
        if (step.Result is JObject pressed && CardSubmit.Meaning(pressed) == ChangesCards.TryAgain)
        {
            return await step.ReplaceDialogAsync(
                StepsId,
                new PurchasePermissionOptions
                {
                    CustomerId = state.CustomerId,
                    CustomerName = state.CustomerName,
                    Allow = state.Allow,
                    ResubmitChangeId = state.ChangeId,
                },
                cancellationToken);
        }

        await step.Context.SayAsync(SharedTexts.Cancelled, cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>The state card as its prompt keeps it; the confirm card is the same with the switch asked for.</summary>
    private PurchaseStateCard Card(PurchasePermissionState state, bool mayChange) => new()
    {
        CustomerName = state.CustomerName,
        IsAllowed = state.WasAllowed,
        HasAzurePlan = state.HasAzurePlan,
        AllowedRoles = _policy.RolesFor(PartnerAction.ChangePurchasePermission),
        MayChange = mayChange,
    };

    private static ChangeRetryCard Retry(string message, PurchasePermissionState state) => new() { Message = message, ChangeId = state.ChangeId! };

    /// <summary>The cards' view; the confirm and outcome cards are reached only past the change check, hence <paramref name="mayChange"/>'s default.</summary>
    private PurchasePermissionView View(PurchasePermissionState state, UiLanguage l, bool mayChange = true) =>
        new(state.CustomerName, state.WasAllowed, state.HasAzurePlan, _policy.RolesFor(PartnerAction.ChangePurchasePermission), l, mayChange);
}
