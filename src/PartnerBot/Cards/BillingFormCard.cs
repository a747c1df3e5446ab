using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Validation;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// What the edit form shows: the draft as typed, errors next to their fields, and the country's choices; with
/// <see cref="AddressCheck"/>, Partner Center's doubt about the address and its suggestions to choose from;
/// <see cref="SuggestionFilledIn"/> when the address fields were just filled from one of them;
/// <see cref="NothingChanged"/> when "Review changes" was pressed with every value as the account has it.
/// </summary>
public sealed record BillingFormView(
    string CustomerName,
    BillingProfileDraft Draft,
    IReadOnlyList<ValidationError> Errors,
    CountryValidationRules? Rules,
    string CountryCode,
    UiLanguage Language,
    AddressValidation? AddressCheck = null,
    bool SuggestionFilledIn = false,
    bool NothingChanged = false);

/// <summary>The billing information form, pre-filled; nothing is written when it is submitted, only checked.</summary>
public static class BillingFormCard
{
    public const string Review = "reviewChanges";
    public const string Cancel = "cancelEdit";

    /// <summary>Fills the address fields from the suggestion numbered by <see cref="SuggestionKey"/> (its index in the dialog state).</summary>
    public const string UseSuggestedAddress = "useSuggestedAddress";

    /// <summary>Reviews the changes with the address as typed, without asking Partner Center again.</summary>
    public const string KeepAddress = "keepAddress";

    public const string SuggestionKey = "suggestion";

    private static readonly BillingProfileField[] TextFields =
    [
        BillingProfileField.CompanyName,
        BillingProfileField.FirstName,
        BillingProfileField.LastName,
        BillingProfileField.Email,
        BillingProfileField.PhoneNumber,
        BillingProfileField.AddressLine1,
        BillingProfileField.AddressLine2,
        BillingProfileField.AddressLine3,
        BillingProfileField.City,
        BillingProfileField.State,
        BillingProfileField.PostalCode,
    ];

    /// <summary>Every input of the form: what a submit of it carries unless the user emptied it.</summary>
    public static IReadOnlyList<BillingProfileField> Inputs { get; } =
        [.. TextFields, BillingProfileField.Culture, BillingProfileField.Language];

    public static AdaptiveCard Build(BillingFormView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var body = new List<CardElement>
        {
            new TextBlock { Text = BillingTexts.FormTitle.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
            new TextBlock { Text = BillingTexts.FormHint.In(l), IsSubtle = true },
        };
        if (view.Errors.Count > 0)
        {
            body.Add(new TextBlock { Text = BillingTexts.FixErrors.In(l), Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }

        if (view.NothingChanged)
        {
            body.Add(new TextBlock { Text = BillingTexts.NothingChangedYet.In(l), Weight = TextWeight.Bolder });
        }

        if (view.AddressCheck is { } check)
        {
            body.Add(AddressQuestion(check, l));
        }
        else if (view.SuggestionFilledIn)
        {
            body.Add(Container.Notice(BillingTexts.SuggestionFilledIn.In(l)));
        }

        foreach (var field in TextFields)
        {
            body.Add(new TextInput
            {
                Id = BillingProfileDraft.InputId(field),
                Label = BillingTexts.FieldName(field).In(l),
                Value = view.Draft[field],
                Style = field switch
                {
                    BillingProfileField.Email => TextInputStyle.Email,
                    BillingProfileField.PhoneNumber => TextInputStyle.Tel,
                    _ => null,
                },
            });
            AddErrors(body, view, field);
        }

        body.Add(new TextBlock { Text = BillingTexts.CountryNote.Format(l, Countries.Name(view.CountryCode, l)), IsSubtle = true });
        body.Add(Choices(view, BillingProfileField.Culture, view.Rules?.SupportedCultures));
        AddErrors(body, view, BillingProfileField.Culture);
        body.Add(Choices(view, BillingProfileField.Language, view.Rules?.SupportedLanguages));
        AddErrors(body, view, BillingProfileField.Language);

        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                CardActions.SendForm(BillingTexts.ReviewButton.In(l), Review, ActionStyle.Positive),
                CardActions.Execute(SharedTexts.CancelButton.In(l), Cancel),
            ],
        };
    }

    /// <summary>
    /// Partner Center's doubt and its suggestions, each a selectable container that sends the form (so other edits are
    /// kept), and "keep my address". Not buttons: a button's title is cut to one line, and an address must be read whole.
    /// </summary>
    private static Container AddressQuestion(AddressValidation check, UiLanguage l)
    {
        var suggestions = check.Suggestions.Select((address, index) =>
        {
            var lines = AddressFormat.Lines(address);
            return (CardElement)new Container
            {
                Style = ContainerStyle.Default,
                Spacing = Spacing.Small,
                SelectAction = CardActions.SendForm(lines, UseSuggestedAddress, new Dictionary<string, object> { [SuggestionKey] = index }),
                Items = [new TextBlock { Text = lines, Weight = TextWeight.Bolder, Color = TextColor.Accent }],
            };
        });
        return new Container
        {
            Style = ContainerStyle.Emphasis,
            Items =
            [
                new TextBlock
                {
                    Text = (check.Suggestions.Count > 0 ? BillingTexts.AddressUnverified : BillingTexts.AddressUnverifiedNoSuggestion).In(l),
                    Weight = TextWeight.Bolder,
                },
                .. suggestions,
                new ActionSet { Actions = [CardActions.SendForm(BillingTexts.KeepAddressButton.In(l), KeepAddress)] },
            ],
        };
    }

    private static ChoiceSetInput Choices(BillingFormView view, BillingProfileField field, IReadOnlyList<string>? supported)
    {
        var current = view.Draft[field];
        var options = (supported ?? []).ToList();
        if (current.Length > 0 && !options.Contains(current, StringComparer.OrdinalIgnoreCase))
        {
            // Keep what the profile holds visible even if the rules no longer list it; validation will say so.
            options.Insert(0, current);
        }

        return new ChoiceSetInput
        {
            Id = BillingProfileDraft.InputId(field),
            Label = BillingTexts.FieldName(field).In(view.Language),
            Value = current,
            Style = ChoiceInputStyle.Compact,
            Choices = options.Select(o => new CardChoice(Named(field, o, view.Language), o)).ToList(),
        };
    }

    private static string Named(BillingProfileField field, string code, UiLanguage l) =>
        field == BillingProfileField.Culture ? Cultures.Name(code, l) : Cultures.LanguageName(code, l);

    private static void AddErrors(List<CardElement> body, BillingFormView view, BillingProfileField field)
    {
        foreach (var error in view.Errors.Where(e => e.Field == field))
        {
            body.Add(new TextBlock
            {
                Text = "⚠ " + BillingTexts.Message(error, view.CountryCode, view.Language),
                Color = TextColor.Attention,
                Size = TextSize.Small,
                Spacing = Spacing.None,
            });
        }
    }
}
