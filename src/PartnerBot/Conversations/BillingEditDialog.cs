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
using PartnerBot.PartnerCenter;

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

    /// <summary>
    /// Partner Center's doubt about the address in <see cref="Draft"/>, shown on the form with its suggestions; a
    /// suggestion button sends only its index into this list, so what fills the form is what the service said.
    /// </summary>
    public AddressValidation? AddressCheck { get; set; }

    /// <summary>An address the user chose to keep although Partner Center could not verify it: not asked about again.</summary>
    public Address? KeptAddress { get; set; }

    /// <summary>The field the system of record refused at the last submit: the form comes back with the error beside it.</summary>
    public BillingProfileField? RefusedField { get; set; }
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
    private const string AddressDoubtKey = "PartnerBot.AddressDoubt";
    private const int FormAttempts = 10;

    private readonly BillingProfileValidator _validator;
    private readonly AccountUpdateService _updates;
    private readonly SubmitRateLimiter _limiter;
    private readonly TimeProvider _clock;
    private readonly ILogger<BillingEditDialog> _logger;
    private readonly IAddressValidator? _addresses;

    /// <param name="addresses">Partner Center's address check; the embedded store has none, and then no address is questioned.</param>
    public BillingEditDialog(
        BillingProfileValidator validator,
        AccountUpdateService updates,
        SubmitRateLimiter limiter,
        TimeProvider clock,
        ILogger<BillingEditDialog> logger,
        IAddressValidator? addresses = null)
        : base(DialogId)
    {
        _addresses = addresses;
        _limiter = limiter;
        _validator = validator;
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
        IReadOnlyList<ValidationError> refused = state.RefusedField is { } field ? [new ValidationError(field, ValidationErrorCode.RefusedBySystemOfRecord)] : [];
        return await step.PromptAsync(
            FormPrompt,
            new PromptOptions
            {
                Prompt = Form(step.Context, state, draft, refused, state.AddressCheck),
                RetryPrompt = PromptMessage.FromText(SharedTexts.UseTheCard.In(TurnLanguage.Of(step.Context))),
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
        var draft = BillingProfileDraft.FromSubmitted(typed, BillingProfileDraft.From(state.Reviewed!), BillingFormCard.Inputs);
        if (action == BillingFormCard.UseSuggestedAddress)
        {
            // Only an index into what this dialog was told; a number it was not told leaves the form as typed, question and all.
            var suggestion = Suggestion(state, submitted);
            prompt.RetryPrompt = suggestion is null
                ? Form(prompt.Context, state, draft, [], state.AddressCheck)
                : Form(prompt.Context, state, WithAddress(draft, suggestion), [], suggestionFilledIn: true);
            return false;
        }

        var result = await _validator.ValidateAsync(draft, state.Reviewed!, cancellationToken);
        if (result.IsValid && BillingChanges.Between(state.Reviewed!, result.Profile!).Count == 0)
        {
            // Nothing to confirm yet: the form stays open, saying so, rather than ending the conversation.
            prompt.RetryPrompt = Form(prompt.Context, state, draft, [], nothingChanged: true);
            return false;
        }

        if (result.IsValid)
        {
            prompt.Context.TurnState[ValidatedKey] = (result.Profile!, draft);
            if (action != BillingFormCard.KeepAddress && await AddressDoubtAsync(state, result.Profile!.DefaultAddress, cancellationToken) is { } doubt)
            {
                prompt.Context.TurnState[AddressDoubtKey] = doubt;
            }

            return true;
        }

        prompt.RetryPrompt = Form(prompt.Context, state, draft, result.Errors);
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
            if (step.Context.TurnState.Get<AddressValidation>(AddressDoubtKey) is { } doubt)
            {
                // The form again, as typed, with Partner Center's suggestions: the new prompt keeps them in its state.
                var asked = Fresh(state);
                asked.Draft = new Dictionary<BillingProfileField, string>(draft.Values);
                asked.AddressCheck = doubt;
                return await step.ReplaceDialogAsync(StepsId, asked, cancellationToken);
            }

            if (CardSubmit.Meaning(submitted) == BillingFormCard.KeepAddress)
            {
                state.KeptAddress = profile.DefaultAddress;
            }

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
        var card = new ChangeConfirmCard { CustomerName = state.CustomerName, Changes = changes, ChangeId = state.ChangeId };
        Bots.SharedCardViews.ShowsBillingChanges(step.Context, state.CustomerId, state.Reviewed!, changes, state.ChangeId);
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
                var unverified = new ChangeRetryCard { Message = SharedTexts.RoleUnverified.In(l), ChangeId = state.ChangeId! };
                return await ChangeCardPress.PromptAsync(step, RecoveryPrompt, unverified, state.ChangeId!, FormAttempts, cancellationToken);
            case BillingUpdateStatus.Conflict:
                var rebased = BillingChanges.Rebase(state.Reviewed!, state.Proposed!, outcome.Current!);
                state.Reviewed = outcome.Current;
                state.Proposed = rebased;
                state.ChangeId = Guid.NewGuid().ToString("N");
                step.Values[StateKey] = state;
                var conflict = new ChangeConflictCard
                {
                    CustomerName = state.CustomerName,
                    Theirs = outcome.ChangedSinceReview ?? [],
                    Yours = changes,
                    ChangeId = state.ChangeId,
                };
                return await ChangeCardPress.PromptAsync(step, RecoveryPrompt, conflict, state.ChangeId!, FormAttempts, cancellationToken);
            case BillingUpdateStatus.RateLimited:
                var later = new ChangeRetryCard { Message = SharedTexts.SlowDown.Format(l, _limiter.PerMinute), ChangeId = state.ChangeId! };
                return await ChangeCardPress.PromptAsync(step, RecoveryPrompt, later, state.ChangeId!, FormAttempts, cancellationToken);
            case BillingUpdateStatus.Failed when PartnerCenterAnswers.RefusedField(outcome.Error) is { } field:
                // Partner Center refused one value: the form as the user left it, the refusal beside that field.
                var corrected = Fresh(state);
                corrected.RefusedField = field;
                return await step.ReplaceDialogAsync(StepsId, corrected, cancellationToken);
            case BillingUpdateStatus.Failed:
                var said = PartnerCenterAnswers.AtSubmit(outcome.Error, l, _logger) ?? (outcome.Busy ? SharedTexts.StoreBusy : BillingTexts.SaveFailed).In(l);
                var retry = new ChangeRetryCard { Message = said, ChangeId = state.ChangeId! };
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
        KeptAddress = state.KeptAddress,
    };

    /// <summary>
    /// Partner Center's doubt about <paramref name="address"/>, or null: when there is no address check (the
    /// embedded store), the address is the one reviewed, one the service suggested or one the user chose to keep,
    /// or the check itself failed (the write checks the address again, and an outage is answered there).
    /// </summary>
    private async Task<AddressValidation?> AddressDoubtAsync(BillingEditState state, Address address, CancellationToken cancellationToken)
    {
        if (_addresses is null
            || SameAddress(address, state.Reviewed!.DefaultAddress)
            || (state.KeptAddress is { } kept && SameAddress(address, kept))
            || state.AddressCheck?.Suggestions.Any(s => SameAddress(address, s)) == true)
        {
            return null;
        }

        try
        {
            var check = await _addresses.ValidateAsync(address, cancellationToken);
            return check.NeedsConfirmation ? check : null;
        }
        catch (PartnerCenterException ex)
        {
            _logger.LogWarning(ex, "Partner Center could not check an address ({Failure}); the changes go on to the confirm card unchecked", ex.Failure);
            return null;
        }
    }

    private static Address? Suggestion(BillingEditState state, JObject submitted)
    {
        var suggestions = state.AddressCheck?.Suggestions ?? [];
        var token = submitted.GetValue(BillingFormCard.SuggestionKey, StringComparison.Ordinal);
        var index = token?.Type switch
        {
            JTokenType.Integer => (long)token,
            JTokenType.String when long.TryParse((string?)token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => -1,
        };
        return index >= 0 && index < suggestions.Count ? suggestions[(int)index] : null;
    }

    /// <summary>The draft with its address fields from <paramref name="suggestion"/>; the phone, contact and the country stay.</summary>
    private static BillingProfileDraft WithAddress(BillingProfileDraft draft, Address suggestion)
    {
        var values = new Dictionary<BillingProfileField, string>(draft.Values)
        {
            [BillingProfileField.AddressLine1] = suggestion.AddressLine1,
            [BillingProfileField.AddressLine2] = suggestion.AddressLine2 ?? string.Empty,
            [BillingProfileField.AddressLine3] = suggestion.AddressLine3 ?? string.Empty,
            [BillingProfileField.City] = suggestion.City ?? string.Empty,
            [BillingProfileField.State] = suggestion.State ?? string.Empty,
            [BillingProfileField.PostalCode] = suggestion.PostalCode ?? string.Empty,
        };
        return new BillingProfileDraft(values);
    }

    /// <summary>The same place: lines, city, state, postal code and country, ignoring case and blank-versus-missing.</summary>
    private static bool SameAddress(Address a, Address b)
    {
        static bool Same(string? x, string? y) =>
            string.Equals(string.IsNullOrWhiteSpace(x) ? null : x.Trim(), string.IsNullOrWhiteSpace(y) ? null : y.Trim(), StringComparison.OrdinalIgnoreCase);
        return Same(a.AddressLine1, b.AddressLine1) && Same(a.AddressLine2, b.AddressLine2) && Same(a.AddressLine3, b.AddressLine3)
            && Same(a.City, b.City) && Same(a.State, b.State) && Same(a.PostalCode, b.PostalCode) && Same(a.Country, b.Country);
    }

    /// <summary>The form as the prompt keeps it: what it is built from (see <see cref="PromptCards"/>), not the card.</summary>
    private static PromptMessage Form(
        ITurnContext turnContext,
        BillingEditState state,
        BillingProfileDraft draft,
        IReadOnlyList<ValidationError> errors,
        AddressValidation? addressCheck = null,
        bool suggestionFilledIn = false,
        bool nothingChanged = false)
    {
        Bots.SharedCardViews.ShowsBillingForm(turnContext, state.CustomerId, state.Reviewed!);
        return PromptMessage.FromCard(new BillingFormSource
        {
            CustomerName = state.CustomerName,
            Country = state.Reviewed!.DefaultAddress.Country,
            Draft = new Dictionary<BillingProfileField, string>(draft.Values),
            Errors = errors,
            AddressCheck = addressCheck,
            SuggestionFilledIn = suggestionFilledIn,
            NothingChanged = nothingChanged,
        });
    }
}
