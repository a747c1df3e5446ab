using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// What the edit conversation keeps between turns: small and serializable. <see cref="Reviewed"/> is the
/// profile (with its etag) the user saw; <see cref="Proposed"/> what they confirmed; <see cref="ChangeId"/>
/// names the confirm card and is the write's idempotency key.
/// </summary>
public sealed class BillingEditState
{
    public string CustomerId { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public BillingProfile? Reviewed { get; set; }

    public BillingProfile? Proposed { get; set; }

    /// <summary>What the user typed last, kept when they go back to edit again.</summary>
    public Dictionary<BillingProfileField, string>? Draft { get; set; }

    public string? ChangeId { get; set; }

    /// <summary>Go straight to the confirm card (after "apply my edits on top").</summary>
    public bool SkipForm { get; set; }

    /// <summary>Submit again at once (after "try again" following a backend failure).</summary>
    public bool Resubmit { get; set; }
}

/// <summary>Edit → confirm → submit for a billing profile, with conflict and failure recovery.</summary>
public sealed class BillingEditDialog : ComponentDialog
{
    public const string DialogId = nameof(BillingEditDialog);
    private const string StepsId = DialogId + ".steps";
    private const string FormPrompt = "billingForm";
    private const string ConfirmPrompt = "billingConfirm";
    private const string RecoveryPrompt = "billingRecovery";
    private const string StateKey = "edit";
    private const string ValidatedKey = "PartnerBot.ValidatedBilling";
    private const int FormAttempts = 10;

    private readonly BillingProfileValidator _validator;
    private readonly ICountryRulesSource _countryRules;
    private readonly AccountUpdateService _updates;
    private readonly SubmitRateLimiter _limiter;
    private readonly TimeProvider _clock;
    private readonly ILogger<BillingEditDialog> _logger;

    public BillingEditDialog(
        BillingProfileValidator validator,
        ICountryRulesSource countryRules,
        AccountUpdateService updates,
        SubmitRateLimiter limiter,
        TimeProvider clock,
        ILogger<BillingEditDialog> logger)
        : base(DialogId)
    {
        _limiter = limiter;
        _validator = validator;
        _countryRules = countryRules;
        _updates = updates;
        _clock = clock;
        _logger = logger;
        AddDialog(new CardFormPrompt(FormPrompt, ValidateFormAsync));
        AddDialog(new CardFormPrompt(ConfirmPrompt, ChangeCardPress.ValidateAsync));
        AddDialog(new CardFormPrompt(RecoveryPrompt, ChangeCardPress.ValidateAsync));
        AddDialog(new WaterfallDialog(StepsId, [FormAsync, ConfirmAsync, SubmitAsync, RecoverAsync]));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> FormAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetOptions<BillingEditState>() ?? throw new DialogStateException("Billing edit started without its state.");
        step.Values[StateKey] = state;
        if (state.SkipForm || state.Resubmit)
        {
            return await step.NextAsync(null, cancellationToken);
        }

        var reviewed = state.Reviewed!;
        var draft = state.Draft is null ? BillingProfileDraft.From(reviewed) : new BillingProfileDraft(state.Draft);
        var form = await BuildFormAsync(step.Context, state, draft, [], cancellationToken);
        return await step.PromptAsync(
            FormPrompt,
            new PromptOptions
            {
                Prompt = form,
                RetryPrompt = MessageFactory.Text(SharedTexts.UseTheCard.In(TurnLanguage.Of(step.Context))),
                Validations = state,
                MaxAttempts = FormAttempts,
            },
            cancellationToken);
    }

    private async Task<bool> ValidateFormAsync(PromptValidatorContext<JObject> prompt, CancellationToken cancellationToken)
    {
        if (!prompt.Recognized.Succeeded || prompt.Recognized.Value is not { } submitted)
        {
            return false;
        }

        var action = CardSubmit.Meaning(submitted);
        if (action == BillingFormCard.Cancel)
        {
            return true;
        }

        var state = prompt.GetValidations<BillingEditState>()!;
        var typed = submitted.Properties()
            .Where(p => p.Value.Type == JTokenType.String)
            .ToDictionary(p => p.Name, p => (string?)p.Value, StringComparer.Ordinal);
        var draft = BillingProfileDraft.FromSubmitted(typed, BillingProfileDraft.From(state.Reviewed!));
        var result = await _validator.ValidateAsync(draft, state.Reviewed!, cancellationToken);
        if (result.IsValid)
        {
            prompt.Context.TurnState[ValidatedKey] = (result.Profile!, draft);
            return true;
        }

        prompt.RetryPrompt = await BuildFormAsync(prompt.Context, state, draft, result.Errors, cancellationToken);
        return false;
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<BillingEditState>(StateKey)!;
        var l = TurnLanguage.Of(step.Context);
        if (state.Resubmit)
        {
            return await step.NextAsync(new JObject { [CardActions.Key] = ChangesCards.Confirm, [ChangesCards.ChangeIdKey] = state.ChangeId }, cancellationToken);
        }

        if (!state.SkipForm)
        {
            if (step.Result is not JObject submitted)
            {
                await step.Context.SayAsync(SharedTexts.TooManyAttempts, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            }

            if (CardSubmit.Meaning(submitted) == BillingFormCard.Cancel)
            {
                await step.Context.SayAsync(SharedTexts.Cancelled, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            }

            var (profile, draft) = ((BillingProfile, BillingProfileDraft))step.Context.TurnState[ValidatedKey];
            state.Proposed = profile;
            state.Draft = new Dictionary<BillingProfileField, string>(draft.Values);
        }

        var changes = BillingChanges.Between(state.Reviewed!, state.Proposed!);
        if (changes.Count == 0)
        {
            await step.Context.SayAsync(BillingTexts.NothingToChange, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        state.ChangeId = Guid.NewGuid().ToString("N");
        state.SkipForm = false;
        step.Values[StateKey] = state;
        var card = ChangesCards.ConfirmCard(new ChangesView(state.CustomerName, changes, l), state.ChangeId);
        return await ChangeCardPress.PromptAsync(step, ConfirmPrompt, card, state.ChangeId!, FormAttempts, cancellationToken);
    }

    private async Task<DialogTurnResult> SubmitAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<BillingEditState>(StateKey)!;
        var l = TurnLanguage.Of(step.Context);
        if (step.Result is not JObject pressed)
        {
            await step.Context.SayAsync(SharedTexts.TooManyAttempts, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var changes = BillingChanges.Between(state.Reviewed!, state.Proposed!);
        var view = new ChangesView(state.CustomerName, changes, l);
        switch (CardSubmit.Meaning(pressed))
        {
            case ChangesCards.EditAgain:
                return await step.ReplaceDialogAsync(StepsId, Fresh(state), cancellationToken);
            case ChangesCards.Confirm:
            // A try-again card carries this change's id: when the turn that sent it could not save the dialog
            // (the database was busy), the dialog is still here, and "Try again" means confirm this change.
            case ChangesCards.TryAgain:
                break;
            default:
                await PressedCard.ShowOutcomeAsync(step.Context, ChangesCards.CancelledCard(view), null, _logger, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }

        // The user is taken from this turn, and the service looks their role up now: not what step 1 saw.
        var actor = TurnIdentity.Sender(step.Context);
        if (actor is null)
        {
            await step.Context.SayAsync(SharedTexts.WhoAreYou, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var request = new BillingUpdateRequest(state.CustomerId, state.CustomerName, state.Reviewed!, state.Proposed!, state.ChangeId!, step.Context.Activity.Id);
        var outcome = await _updates.SubmitAsync(actor, request, cancellationToken);
        switch (outcome.Status)
        {
            case BillingUpdateStatus.Applied:
            case BillingUpdateStatus.AlreadyApplied when ConcurrentTurn.AppliedEarlierInThisTurn(step.Context, state.ChangeId!):
                ConcurrentTurn.RecordApplied(step.Context, state.ChangeId!);
                var submitted = ChangesCards.SubmittedCard(view, outcome.ActorName ?? actor.DisplayName, _clock.GetUtcNow(), TurnClock.ZoneOf(step.Context));
                await PressedCard.ShowOutcomeAsync(step.Context, submitted, null, _logger, cancellationToken);
                return await step.EndDialogAsync(outcome.Current, cancellationToken);
            case BillingUpdateStatus.AlreadyApplied:
                await step.Context.SayAsync(SharedTexts.AlreadySubmitted, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case BillingUpdateStatus.NothingToChange:
                await step.Context.SayAsync(BillingTexts.NothingToChange, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case BillingUpdateStatus.Refused:
                await step.Context.SayAsync(
                    BillingTexts.RefusedToChange,
                    cancellationToken,
                    StaffAccess.Held(outcome.HeldRoles ?? [], l),
                    RoleNames.List(outcome.AllowedRoles ?? [], l));
                return await step.EndDialogAsync(null, cancellationToken);
            case BillingUpdateStatus.RoleUnverified:
                // The edits stay: trying again asks the directory again with the same change id.
                var unverified = ChangesCards.RetryCard(SharedTexts.RoleUnverified.In(l), state.ChangeId!, l);
                return await ChangeCardPress.PromptAsync(step, RecoveryPrompt, unverified, state.ChangeId!, FormAttempts, cancellationToken);
            case BillingUpdateStatus.Conflict:
                var rebased = BillingChanges.Rebase(state.Reviewed!, state.Proposed!, outcome.Current!);
                var theirs = new ChangesView(state.CustomerName, outcome.ChangedSinceReview ?? [], l);
                state.Reviewed = outcome.Current;
                state.Proposed = rebased;
                state.ChangeId = Guid.NewGuid().ToString("N");
                step.Values[StateKey] = state;
                return await ChangeCardPress.PromptAsync(step, RecoveryPrompt, ChangesCards.ConflictCard(theirs, changes, state.ChangeId), state.ChangeId!, FormAttempts, cancellationToken);
            case BillingUpdateStatus.RateLimited:
                var later = ChangesCards.RetryCard(SharedTexts.SlowDown.Format(l, _limiter.PerMinute), state.ChangeId!, l);
                return await ChangeCardPress.PromptAsync(step, RecoveryPrompt, later, state.ChangeId!, FormAttempts, cancellationToken);
            case BillingUpdateStatus.Failed:
                var retry = ChangesCards.RetryCard((outcome.Busy ? SharedTexts.StoreBusy : BillingTexts.SaveFailed).In(l), state.ChangeId!, l);
                return await ChangeCardPress.PromptAsync(step, RecoveryPrompt, retry, state.ChangeId!, FormAttempts, cancellationToken);
            default:
                await step.Context.SayAsync(SharedTexts.Gone, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> RecoverAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<BillingEditState>(StateKey)!;
        switch (step.Result is JObject pressed ? CardSubmit.Meaning(pressed) : null)
        {
            case ChangesCards.ApplyOnTop:
                return await step.ReplaceDialogAsync(StepsId, Fresh(state, skipForm: true), cancellationToken);
            case ChangesCards.TryAgain:
                return await step.ReplaceDialogAsync(StepsId, Fresh(state, resubmit: true), cancellationToken);
            default:
                await step.Context.SayAsync(SharedTexts.Cancelled, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }
    }

    private static BillingEditState Fresh(BillingEditState state, bool skipForm = false, bool resubmit = false) => new()
    {
        CustomerId = state.CustomerId,
        CustomerName = state.CustomerName,
        Reviewed = state.Reviewed,
        Proposed = state.Proposed,
        Draft = skipForm ? null : state.Draft,
        ChangeId = resubmit ? state.ChangeId : null,
        SkipForm = skipForm,
        Resubmit = resubmit,
    };

    private async Task<Microsoft.Bot.Schema.Activity> BuildFormAsync(
        ITurnContext turnContext, BillingEditState state, BillingProfileDraft draft, IReadOnlyList<ValidationError> errors, CancellationToken cancellationToken)
    {
        var country = state.Reviewed!.DefaultAddress.Country;
        var rules = await _countryRules.GetAsync(country, cancellationToken);
        var card = BillingFormCard.Build(new BillingFormView(state.CustomerName, draft, errors, rules, country, TurnLanguage.Of(turnContext)));
        return (Microsoft.Bot.Schema.Activity)card.ToActivity();
    }
}
