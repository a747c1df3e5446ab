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

/// <summary>How the purchase permission conversation starts: a customer named or already chosen, and allow, revoke, or neither.</summary>
public sealed class PurchasePermissionOptions
{
    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? CustomerQuery { get; set; }

    /// <summary>true = allow, false = revoke, null = not said (show the state and ask).</summary>
    public bool? Allow { get; set; }
}

/// <summary>What the conversation keeps between turns: the customer as reviewed and the switch asked for (the change).</summary>
public sealed class PurchasePermissionState
{
    public string CustomerId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public bool WasAllowed { get; set; }

    public bool HasAzurePlan { get; set; }

    public bool Allow { get; set; }
}

/// <summary>A customer's purchase permission and, for someone who may, the switch that would change it.</summary>
public sealed record PurchaseStateCard : IPromptCard
{
    public string CustomerName { get; init; } = string.Empty;

    public bool IsAllowed { get; init; }

    public bool HasAzurePlan { get; init; }

    public IReadOnlyList<PartnerRole> AllowedRoles { get; init; } = [];

    public bool MayChange { get; init; }

    /// <summary>Set on the confirm card: the switch asked for, and the change id that names it.</summary>
    public bool? Allow { get; init; }

    public string? ChangeId { get; init; }

    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = new PurchasePermissionView(CustomerName, IsAllowed, HasAzurePlan, AllowedRoles, context.Language, MayChange);
        return ValueTask.FromResult(Allow is bool allow && ChangeId is { } changeId
            ? PurchasePermissionCards.ConfirmCard(view, allow, changeId)
            : PurchasePermissionCards.StateCard(view));
    }
}

/// <summary>
/// Allow or revoke a customer's purchases, or show the state: which customer (the shared customer choice),
/// allow or revoke (asked on a card that shows the state and what the switch means), confirm, then the
/// <see cref="PurchasePermissionService"/> checks the role now, refuses a customer without an Azure plan,
/// writes, and records; confirm → submit → outcome is the shared <see cref="ChangeConfirmation{TChange}"/>.
/// </summary>
public sealed class PurchasePermissionDialog : ComponentDialog, IChangeWrite<PurchasePermissionState>
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
        },
        records => records
            .Add<PurchasePermissionOptions>("purchase-permission/options")
            .Add<PurchasePermissionState>("purchase-permission/state")
            .Add<PurchaseStateCard>("card/purchase-state"));
    private const string StepsId = DialogId + ".steps";
    private const string DirectionPrompt = "permissionDirection";
    private const string ConfirmationId = "permissionChange";
    private const string RunKey = "run";
    private const string StateKey = "permission";
    private const int MaxAttempts = 5;

    private readonly ICustomerDirectory _directory;
    private readonly StaffAccess _access;
    private readonly PurchasePermissionService _permissions;
    private readonly RolePolicy _policy;
    private readonly TimeProvider _clock;

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
        _permissions = permissions;
        _policy = policy;
        _clock = clock;
        AddDialog(customerChoice);
        AddDialog(new ChoicePrompt(DirectionPrompt));
        new ChangeConfirmation<PurchasePermissionState>(ConfirmationId, this, limiter, logger, MaxAttempts).AddTo(this);
        AddDialog(new WaterfallDialog(StepsId, [ChooseAsync, StateAsync, ConfirmAsync]));
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
        if (allow == state.WasAllowed)
        {
            await step.Context.SayAsync(allow ? PurchasePermissionTexts.AlreadyAllowed : PurchasePermissionTexts.AlreadyOff, cancellationToken, state.CustomerName);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        return await step.BeginDialogAsync(ConfirmationId, state, cancellationToken);
    }

    string IChangeWrite<PurchasePermissionState>.CustomerName(PurchasePermissionState change) => change.CustomerName;

    object IChangeWrite<PurchasePermissionState>.ConfirmCard(ITurnContext turnContext, PurchasePermissionState change, string changeId)
    {
        Bots.SharedCardViews.ShowsPurchasePermission(turnContext, change.CustomerId, change.WasAllowed, change.HasAzurePlan, change.Allow, changeId);
        return Card(change, mayChange: true) with { Allow = change.Allow, ChangeId = changeId };
    }

    object? IChangeWrite<PurchasePermissionState>.EditAgain(PurchasePermissionState change) => null;

    async Task<ChangeOutcome> IChangeWrite<PurchasePermissionState>.SubmitAsync(
        ITurnContext turnContext, PartnerUser actor, PurchasePermissionState change, string changeId, CancellationToken cancellationToken)
    {
        var outcome = await _permissions.ChangeAsync(
            actor, new PurchasePermissionRequest(change.CustomerId, change.Allow, changeId, turnContext.Activity.Id, change.CustomerName), cancellationToken);
        var l = TurnLanguage.Of(turnContext);
        switch (outcome.Status)
        {
            case PurchasePermissionStatus.Applied:
            case PurchasePermissionStatus.AlreadyApplied:
                var allowed = outcome.IsAllowedNow ?? change.Allow;
                var view = new PurchasePermissionView(
                    change.CustomerName, allowed, change.HasAzurePlan, _policy.RolesFor(PartnerAction.ChangePurchasePermission), l, MayChange: true);
                return new ChangeOutcome.Applied(
                    PurchasePermissionCards.SubmittedCard(view, allowed, outcome.ActorName ?? actor.DisplayName, _clock.GetUtcNow(), TurnClock.ZoneOf(turnContext)),
                    (allowed ? PurchasePermissionTexts.AppliedAllow : PurchasePermissionTexts.AppliedRevoke).Format(l, change.CustomerName),
                    allowed,
                    Replayed: outcome.Status == PurchasePermissionStatus.AlreadyApplied);
            case PurchasePermissionStatus.AlreadyInState:
                return ChangeOutcome.Say(change.Allow ? PurchasePermissionTexts.AlreadyAllowed : PurchasePermissionTexts.AlreadyOff, change.CustomerName);
            case PurchasePermissionStatus.Refused:
                return new ChangeOutcome.Refused(PurchasePermissionTexts.RefusedToChange, outcome.HeldRoles ?? [], outcome.AllowedRoles ?? []);
            case PurchasePermissionStatus.RoleUnverified:
                return ChangeOutcome.Say(SharedTexts.RoleUnverified);
            case PurchasePermissionStatus.NoAzurePlan:
                return ChangeOutcome.Say(PurchasePermissionTexts.NoAzurePlanRefusal, change.CustomerName);
            case PurchasePermissionStatus.RateLimited:
                return new ChangeOutcome.Retry(RecoveryReason.RateLimited);
            case PurchasePermissionStatus.Failed:
                return new ChangeOutcome.Failed(outcome.Error, outcome.Busy, PurchasePermissionTexts.RetryMessage.Format(l, change.CustomerName));
            default:
                return ChangeOutcome.Say(SharedTexts.Gone);
        }
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
}
