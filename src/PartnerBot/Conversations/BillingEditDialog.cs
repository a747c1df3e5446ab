using System.Text.Json.Serialization;
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
/// profile (with its etag) the user saw; <see cref="Proposed"/> what they confirmed (the change).
/// </summary>
public sealed class BillingEditState
{
    public string CustomerId { get; set; } = string.Empty;

    private string? _customerName;

    /// <summary>What the conversation calls the customer: the reviewed profile's company name when the edit began.</summary>
    [JsonIgnore]
    public string CustomerName
    {
        get => _customerName ?? Reviewed?.CompanyName ?? string.Empty;
        set => _customerName = value;
    }

    /// <summary>
    /// <see cref="CustomerName"/> as stored: left out while it is <see cref="Reviewed"/>'s company name, which it is
    /// until a conflict brings another review (issue 13: the name is otherwise kept twice in every step). Internal, not
    /// private, so that the serializer generated at build time (<see cref="StateRecordsJson"/>) sees it.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("customerName")]
    internal string? StoredCustomerName
    {
        get => string.Equals(_customerName, Reviewed?.CompanyName, StringComparison.Ordinal) ? null : _customerName;
        set => _customerName = value;
    }

    public BillingProfile? Reviewed { get; set; }

    public BillingProfile? Proposed { get; set; }

    /// <summary>
    /// What the user typed last, kept when they go back to edit again: only the fields that differ from
    /// <see cref="Reviewed"/> (issue 13), null when none do. Earlier builds kept every field, which reads the same.
    /// </summary>
    public Dictionary<BillingProfileField, string>? Draft { get; set; }

    /// <summary>The whole draft: <see cref="Reviewed"/>'s values with what was typed over them.</summary>
    public BillingProfileDraft TypedDraft()
    {
        var reviewed = BillingProfileDraft.From(Reviewed ?? throw new DialogStateException("A billing edit without the reviewed profile."));
        if (Draft is null)
        {
            return reviewed;
        }

        var values = new Dictionary<BillingProfileField, string>(reviewed.Values);
        foreach (var (field, value) in Draft)
        {
            values[field] = value;
        }

        return new BillingProfileDraft(values);
    }

    /// <summary>Keeps <paramref name="draft"/> as <see cref="Draft"/>: the fields where it differs from <see cref="Reviewed"/>.</summary>
    public void KeepDraft(BillingProfileDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var reviewed = BillingProfileDraft.From(Reviewed ?? throw new DialogStateException("A billing edit without the reviewed profile."));
        var typed = draft.Values
            .Where(value => !string.Equals(reviewed[value.Key], value.Value, StringComparison.Ordinal))
            .ToDictionary(value => value.Key, value => value.Value);
        Draft = typed.Count == 0 ? null : typed;
    }

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

/// <summary>
/// Edit a billing profile on its form; confirm → submit → outcome, with conflict and failure recovery, is the
/// shared <see cref="ChangeConfirmation{TChange}"/>.
/// </summary>
public sealed class BillingEditDialog : ComponentDialog, IChangeWrite<BillingEditState>
{
    public const string DialogId = nameof(BillingEditDialog);
    private const string StepsId = DialogId + ".steps";
    private const string FormPrompt = "billingForm";
    private const string ConfirmationId = "billingChange";
    private const string StateKey = "edit";
    private const int FormAttempts = 10;

    private readonly BillingProfileValidator _validator;
    private readonly AccountUpdateService _updates;
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
        _validator = validator;
        _updates = updates;
        _clock = clock;
        _logger = logger;
        AddDialog(new CardFormPrompt(FormPrompt, ValidateFormAsync));
        new ChangeConfirmation<BillingEditState>(ConfirmationId, this, limiter, logger, FormAttempts).AddTo(this);
        AddDialog(new WaterfallDialog(StepsId, [FormAsync, ConfirmAsync, DoneAsync]));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> FormAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetOptions<BillingEditState>() ?? throw new DialogStateException("Billing edit started without its state.");
        step.Values[StateKey] = state;
        var draft = state.TypedDraft();
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
            TurnMemo.Of(prompt.Context).ValidatedBilling = (result.Profile!, draft);
            if (action != BillingFormCard.KeepAddress && await AddressDoubtAsync(state, result.Profile!.DefaultAddress, cancellationToken) is { } doubt)
            {
                TurnMemo.Of(prompt.Context).AddressDoubt = doubt;
            }

            return true;
        }

        prompt.RetryPrompt = Form(prompt.Context, state, draft, result.Errors);
        return false;
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var state = step.GetValue<BillingEditState>(StateKey)!;
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

        var memo = TurnMemo.Of(step.Context);
        var (profile, draft) = memo.ValidatedBilling ?? throw new InvalidOperationException("The billing form was not validated in this turn.");
        if (memo.AddressDoubt is { } doubt)
        {
            // The form again, as typed, with Partner Center's suggestions: the new prompt keeps them in its state.
            var asked = Fresh(state);
            asked.KeepDraft(draft);
            asked.AddressCheck = doubt;
            return await step.ReplaceDialogAsync(StepsId, asked, cancellationToken);
        }

        if (CardSubmit.Meaning(submitted) == BillingFormCard.KeepAddress)
        {
            state.KeptAddress = profile.DefaultAddress;
        }

        state.Proposed = profile;
        state.KeepDraft(draft);
        return await step.BeginDialogAsync(ConfirmationId, state, cancellationToken);
    }

    /// <summary>Back to the form (Edit again, or a value Partner Center refused), or done with the profile as saved.</summary>
    private async Task<DialogTurnResult> DoneAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        step.Result is ReopenForm { Form: BillingEditState form }
            ? await step.ReplaceDialogAsync(StepsId, form, cancellationToken)
            : await step.EndDialogAsync(step.Result, cancellationToken);

    string IChangeWrite<BillingEditState>.CustomerName(BillingEditState change) => change.CustomerName;

    object IChangeWrite<BillingEditState>.ConfirmCard(ITurnContext turnContext, BillingEditState change, string changeId)
    {
        var changes = BillingChanges.Between(change.Reviewed!, change.Proposed!);
        if (changes.Count == 0)
        {
            // Applied on top of someone else's change that was the same.
            return ChangeOutcome.Say(BillingTexts.NothingToChange);
        }

        Bots.SharedCardViews.ShowsBillingChanges(turnContext, change.CustomerId, change.Reviewed!, changes, changeId);
        return new ChangeConfirmCard { CustomerName = change.CustomerName, Changes = changes, ChangeId = changeId };
    }

    object? IChangeWrite<BillingEditState>.EditAgain(BillingEditState change) => Fresh(change);

    async Task<ChangeOutcome> IChangeWrite<BillingEditState>.SubmitAsync(
        ITurnContext turnContext, PartnerUser actor, BillingEditState change, string changeId, CancellationToken cancellationToken)
    {
        var request = new BillingUpdateRequest(change.CustomerId, change.CustomerName, change.Reviewed!, change.Proposed!, changeId, turnContext.Activity.Id);
        var outcome = await _updates.SubmitAsync(actor, request, cancellationToken);
        var l = TurnLanguage.Of(turnContext);
        var changes = BillingChanges.Between(change.Reviewed!, change.Proposed!);
        switch (outcome.Status)
        {
            case BillingUpdateStatus.Applied:
            case BillingUpdateStatus.AlreadyApplied:
                var view = new ChangesView(change.CustomerName, changes, l);
                return new ChangeOutcome.Applied(
                    ChangesCards.SubmittedCard(view, outcome.ActorName ?? actor.DisplayName, _clock.GetUtcNow(), TurnClock.ZoneOf(turnContext)),
                    null,
                    outcome.Current,
                    Replayed: outcome.Status == BillingUpdateStatus.AlreadyApplied);
            case BillingUpdateStatus.NothingToChange:
                return ChangeOutcome.Say(BillingTexts.NothingToChange);
            case BillingUpdateStatus.Refused:
                return new ChangeOutcome.Refused(BillingTexts.RefusedToChange, outcome.HeldRoles ?? [], outcome.AllowedRoles ?? []);
            case BillingUpdateStatus.RoleUnverified:
                // The edits stay: trying again asks the directory again with the same change id.
                return new ChangeOutcome.Retry(RecoveryReason.RoleUnverified);
            case BillingUpdateStatus.Conflict:
                // Theirs is now the review; what was typed before it is not a draft of it any more.
                var rebased = Fresh(change);
                rebased.Draft = null;
                rebased.Reviewed = outcome.Current;
                rebased.Proposed = BillingChanges.Rebase(change.Reviewed!, change.Proposed!, outcome.Current!);
                return new ChangeOutcome.Conflict(
                    rebased,
                    changeId => new ChangeConflictCard { CustomerName = change.CustomerName, Theirs = outcome.ChangedSinceReview ?? [], Yours = changes, ChangeId = changeId });
            case BillingUpdateStatus.RateLimited:
                return new ChangeOutcome.Retry(RecoveryReason.RateLimited);
            case BillingUpdateStatus.Failed when PartnerCenterAnswers.RefusedField(outcome.Error) is { } field:
                // Partner Center refused one value: the form as the user left it, the refusal beside that field.
                var corrected = Fresh(change);
                corrected.RefusedField = field;
                return new ChangeOutcome.Reopen(corrected);
            case BillingUpdateStatus.Failed:
                return new ChangeOutcome.Failed(outcome.Error, outcome.Busy, BillingTexts.SaveFailed.In(l));
            default:
                return ChangeOutcome.Say(SharedTexts.Gone);
        }
    }

    private static BillingEditState Fresh(BillingEditState state) => new()
    {
        CustomerId = state.CustomerId,
        CustomerName = state.CustomerName,
        Reviewed = state.Reviewed,
        Proposed = state.Proposed,
        Draft = state.Draft,
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
            Draft = BillingFormSource.Shown(draft),
            Errors = errors.Count == 0 ? null : errors,
            AddressCheck = addressCheck,
            SuggestionFilledIn = suggestionFilledIn,
            NothingChanged = nothingChanged,
        });
    }
}
