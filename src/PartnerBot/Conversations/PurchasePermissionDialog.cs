using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// How the purchase permission conversation starts: <see cref="PurchasePermissionOptions"/>'s properties
/// (what the main dialog passes, read by name from saved state), plus the change to submit again after a
/// backend failure, so "try again" reuses its operation id and cannot apply twice.
/// </summary>
public sealed class PurchasePermissionRun
{
    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? CustomerQuery { get; set; }

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
    public const string DialogId = MainDialog.PurchasePermissionDialogId;
    private const string StepsId = DialogId + ".steps";
    private const string DirectionPrompt = "permissionDirection";
    private const string ConfirmPrompt = "permissionConfirm";
    private const string RecoveryPrompt = "permissionRecovery";
    private const string RunKey = "run";
    private const string StateKey = "permission";
    private const int MaxAttempts = 5;

    private static readonly Text UseButtons = new(
        "Choose *Allow purchases*, *Turn off purchases* or *Done*.",
        "Wybierz *Zezwól na zakupy*, *Wyłącz zakupy* albo *Gotowe*.");
    private static readonly Text Closing = new("OK, nothing was changed.", "OK, niczego nie zmieniono.");
    private static readonly Text AlreadyAllowed = new(
        "Purchases are already allowed for {0}, so nothing was changed.",
        "Zakupy dla klienta {0} są już włączone, więc niczego nie zmieniono.");
    private static readonly Text AlreadyOff = new(
        "Purchases are already off for {0}, so nothing was changed.",
        "Zakupy dla klienta {0} są już wyłączone, więc niczego nie zmieniono.");
    private static readonly Text AppliedAllow = new(
        "Done: {0} may now buy its own Azure reservations and savings plans. They are billed to you.",
        "Gotowe: klient {0} może teraz sam kupować rezerwacje i plany oszczędnościowe Azure. Płacisz za nie Ty.");
    private static readonly Text AppliedRevoke = new(
        "Done: {0} can no longer buy its own Azure reservations and savings plans.",
        "Gotowe: klient {0} nie może już sam kupować rezerwacji i planów oszczędnościowych Azure.");
    private static readonly Text Refused = new(
        "You can't change purchase permission: {0}. It can be done by: {1}. Nothing was changed.",
        "Nie możesz zmienić uprawnień do zakupu: {0}. Mogą to zrobić: {1}. Niczego nie zmieniono.");
    private static readonly Text NoAzurePlan = new(
        "{0} has no Azure plan bought through you, so it can't be allowed to buy its own products. Nothing was changed.",
        "Klient {0} nie ma planu Azure kupionego za Twoim pośrednictwem, więc nie można mu zezwolić na samodzielne zakupy. Niczego nie zmieniono.");

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
        var run = step.GetOptions<PurchasePermissionRun>() ?? new PurchasePermissionRun();
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

        var run = step.GetValue<PurchasePermissionRun>(RunKey)!;
        if (await _access.ReadAsync(step.Context, cancellationToken) is not { } read)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var account = await _directory.GetAccountAsync(read, chosen.CustomerId, cancellationToken);
        if (account is null)
        {
            await step.Context.SayAsync(ConversationTexts.Gone, cancellationToken);
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
        return await step.PromptAsync(
            DirectionPrompt,
            new PromptOptions
            {
                Prompt = (Microsoft.Bot.Schema.Activity)PurchasePermissionCards.StateCard(View(state, l)).ToActivity(),
                RetryPrompt = MessageFactory.Text(UseButtons.In(l)),
                Choices =
                [
                    new Choice(PurchasePermissionCards.Allow, PurchasePermissionCards.AllowButton.In(l), ["allow", "enable", "turn on", "on", "zezwól", "pozwól", "włącz"]),
                    new Choice(PurchasePermissionCards.Revoke, PurchasePermissionCards.RevokeButton.In(l), ["revoke", "disable", "turn off", "off", "block", "wyłącz", "zablokuj", "cofnij"]),
                    new Choice(PurchasePermissionCards.Done, PurchasePermissionCards.DoneButton.In(l), ["done", "ok", "thanks", "no", "gotowe", "dzięki", "nie"]),
                ],
                MaxAttempts = MaxAttempts,
            },
            cancellationToken);
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var run = step.GetValue<PurchasePermissionRun>(RunKey)!;
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
                await step.Context.SayAsync(Closing, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            default:
                await step.Context.SayAsync(ConversationTexts.TooManyAttempts, cancellationToken);
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
            await step.Context.SayAsync(allow ? AlreadyAllowed : AlreadyOff, cancellationToken, state.CustomerName);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var l = TurnLanguage.Of(step.Context);
        state.ChangeId = Guid.NewGuid().ToString("N");
        step.Values[StateKey] = state;
        return await ChangeCardPress.PromptAsync(
            step, ConfirmPrompt, PurchasePermissionCards.ConfirmCard(View(state, l), allow, state.ChangeId), state.ChangeId, MaxAttempts, cancellationToken);
    }

    private async Task<DialogTurnResult> SubmitAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<PurchasePermissionState>(StateKey)!;
        var l = TurnLanguage.Of(step.Context);
        if (step.Result is not JObject pressed)
        {
            await step.Context.SayAsync(ConversationTexts.TooManyAttempts, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        // "Try again" of a retry card with this change's id confirms it: the turn that sent that card may not
        // have saved the dialog (a busy database), so the dialog can still be waiting here.
        if (CardSubmit.Read(pressed, CardActions.Key) is not (ChangesCards.Confirm or ChangesCards.TryAgain))
        {
            await CardUpdates.ReplacePressedCardAsync(
                step.Context, ChangesCards.CancelledCard(new ChangesView(state.CustomerName, [], l)), _logger, cancellationToken);
            await step.Context.SayAsync(ConversationTexts.Cancelled, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        // The user is taken from this turn and the service looks their role up now, not when the dialog began.
        var actor = TurnIdentity.Sender(step.Context);
        if (actor is null)
        {
            await step.Context.SayAsync(ConversationTexts.WhoAreYou, cancellationToken);
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
                await CardUpdates.ReplacePressedCardAsync(
                    step.Context,
                    PurchasePermissionCards.SubmittedCard(view, allowed, outcome.ActorName ?? actor.DisplayName, _clock.GetUtcNow(), TurnClock.ZoneOf(step.Context)),
                    _logger,
                    cancellationToken);
                await step.Context.SayAsync(allowed ? AppliedAllow : AppliedRevoke, cancellationToken, state.CustomerName);
                return await step.EndDialogAsync(allowed, cancellationToken);
            case PurchasePermissionStatus.AlreadyApplied:
                await step.Context.SayAsync(ConversationTexts.AlreadySubmitted, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.AlreadyInState:
                await step.Context.SayAsync(state.Allow ? AlreadyAllowed : AlreadyOff, cancellationToken, state.CustomerName);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.Refused:
                await step.Context.SayAsync(
                    Refused,
                    cancellationToken,
                    StaffAccess.Held(outcome.HeldRoles ?? [], l),
                    RoleNames.List(outcome.AllowedRoles ?? [], l));
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.RoleUnverified:
                await step.Context.SayAsync(ConversationTexts.RoleUnverified, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.NoAzurePlan:
                await step.Context.SayAsync(NoAzurePlan, cancellationToken, state.CustomerName);
                return await step.EndDialogAsync(null, cancellationToken);
            case PurchasePermissionStatus.RateLimited:
                return await ChangeCardPress.PromptAsync(
                    step, RecoveryPrompt, ChangesCards.RetryCard(ConversationTexts.SlowDown.Format(l, _limiter.PerMinute), state.ChangeId!, l), state.ChangeId!, MaxAttempts, cancellationToken);
            case PurchasePermissionStatus.Failed:
                return await ChangeCardPress.PromptAsync(
                    step,
                    RecoveryPrompt,
                    outcome.Busy
                        ? ChangesCards.RetryCard(ConversationTexts.StoreBusy.In(l), state.ChangeId!, l)
                        : PurchasePermissionCards.RetryCard(state.CustomerName, state.ChangeId!, l),
                    state.ChangeId!,
                    MaxAttempts,
                    cancellationToken);
            default:
                await step.Context.SayAsync(ConversationTexts.Gone, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }
    }

    private static async Task<DialogTurnResult> RecoverAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<PurchasePermissionState>(StateKey)!;
        if (step.Result is JObject pressed && CardSubmit.Read(pressed, CardActions.Key) == ChangesCards.TryAgain)
        {
            return await step.ReplaceDialogAsync(
                StepsId,
                new PurchasePermissionRun
                {
                    CustomerId = state.CustomerId,
                    CustomerName = state.CustomerName,
                    Allow = state.Allow,
                    ResubmitChangeId = state.ChangeId,
                },
                cancellationToken);
        }

        await step.Context.SayAsync(ConversationTexts.Cancelled, cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }

    private PurchasePermissionView View(PurchasePermissionState state, UiLanguage l) =>
        new(state.CustomerName, state.WasAllowed, state.HasAzurePlan, _policy.RolesFor(PartnerAction.ChangePurchasePermission), l);
}
