using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Domain.Tests.Accounts;

public sealed class BillingProfileValidatorTests
{
    private readonly BillingProfileValidator _validator = new(new FakeCountryRules(Samples.Poland, Samples.UnitedStates));

    // What the edit form offers: every field but the country.
    private static readonly BillingProfileField[] FormInputs = [.. Enum.GetValues<BillingProfileField>().Where(f => f != BillingProfileField.Country)];

    private Task<BillingValidationResult> Validate(BillingProfile current, params (BillingProfileField Field, string Value)[] edits)
    {
        var typed = BillingProfileDraft.From(current).Values.ToDictionary(kv => BillingProfileDraft.InputId(kv.Key), kv => (string?)kv.Value);
        foreach (var (field, value) in edits)
        {
            typed[BillingProfileDraft.InputId(field)] = value;
        }

        var draft = BillingProfileDraft.FromSubmitted(typed, BillingProfileDraft.From(current), FormInputs);
        return _validator.ValidateAsync(draft, current, CancellationToken.None);
    }

    [Fact]
    public async Task An_unchanged_valid_Polish_profile_passes_and_keeps_the_etag()
    {
        var result = await Validate(Samples.PolishProfile);
        Assert.True(result.IsValid);
        Assert.Equal(Samples.PolishProfile, result.Profile);
    }

    [Theory]
    [InlineData("23200")]
    [InlineData("2-3200")]
    [InlineData("AB-CDE")]
    [InlineData("23-2000")]
    public async Task A_Polish_postal_code_must_look_like_NN_NNN(string postalCode)
    {
        var result = await Validate(Samples.PolishProfile, (BillingProfileField.PostalCode, postalCode));
        var error = Assert.Single(result.Errors);
        Assert.Equal(new ValidationError(BillingProfileField.PostalCode, ValidationErrorCode.InvalidPostalCode), error);
    }

    [Fact]
    public async Task A_phone_number_is_required_in_Poland_but_not_in_the_United_States()
    {
        var polish = await Validate(Samples.PolishProfile, (BillingProfileField.PhoneNumber, "   "));
        Assert.Equal(ValidationErrorCode.Required, Assert.Single(polish.Errors).Code);

        var american = Samples.PolishProfile with
        {
            Culture = "en-US",
            Language = "en",
            DefaultAddress = new Address("1 Microsoft Way", null, null, "Redmond", "WA", "98052", "US", null),
        };
        Assert.True((await Validate(american)).IsValid);
    }

    [Theory]
    [InlineData("+48 81 825 12 34", true)]
    [InlineData("81 825 12 34", true)]
    [InlineData("123", false)]
    [InlineData("telefon", false)]
    [InlineData("+49 30 901820", false)]
    [InlineData("+1 425 555 0100", false)]
    [InlineData("0048 81 825 12 34", true)]
    public async Task Phone_numbers_are_checked_for_the_customers_country(string phone, bool valid)
    {
        var result = await Validate(Samples.PolishProfile, (BillingProfileField.PhoneNumber, phone));
        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal(ValidationErrorCode.InvalidPhoneNumber, Assert.Single(result.Errors).Code);
        }
    }

    [Theory]
    [InlineData("faktury@", false)]
    [InlineData("faktury zakladymiesne.pl", false)]
    [InlineData("Ann <ann@firma.pl>", false)]
    [InlineData("ann@localhost", false)]
    [InlineData("ksiegowosc@zakladymiesne.pl", true)]
    public async Task The_billing_e_mail_must_be_a_plain_address(string email, bool valid)
    {
        var result = await Validate(Samples.PolishProfile, (BillingProfileField.Email, email));
        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public async Task Too_long_lines_and_names_are_reported_with_their_limit()
    {
        var result = await Validate(
            Samples.PolishProfile,
            (BillingProfileField.AddressLine1, new string('a', 201)),
            (BillingProfileField.FirstName, new string('b', 51)));
        Assert.Contains(new ValidationError(BillingProfileField.AddressLine1, ValidationErrorCode.TooLong, 200), result.Errors);
        Assert.Contains(new ValidationError(BillingProfileField.FirstName, ValidationErrorCode.TooLong, 50), result.Errors);
    }

    [Fact]
    public async Task Culture_and_language_must_be_among_the_countrys_supported_ones()
    {
        var result = await Validate(Samples.PolishProfile, (BillingProfileField.Culture, "de-DE"), (BillingProfileField.Language, "de"));
        Assert.Contains(result.Errors, e => e.Code == ValidationErrorCode.UnsupportedCulture);
        Assert.Contains(result.Errors, e => e.Code == ValidationErrorCode.UnsupportedLanguage);
    }

    [Fact]
    public async Task A_submitted_country_is_ignored_the_customers_country_stays()
    {
        var result = await Validate(Samples.PolishProfile, (BillingProfileField.Country, "US"));
        Assert.True(result.IsValid);
        Assert.Equal("PL", result.Profile!.DefaultAddress.Country);
    }

    [Fact]
    public async Task A_state_must_be_one_of_the_list_where_the_country_has_one()
    {
        var american = Samples.PolishProfile with
        {
            Culture = "en-US",
            Language = "en",
            DefaultAddress = new Address("1 Microsoft Way", null, null, "Redmond", "WA", "98052", "US", null),
        };
        var result = await Validate(american, (BillingProfileField.State, "Washington State"));
        Assert.Equal(ValidationErrorCode.UnsupportedState, Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("US", "+1 425 555 0100", true)]
    [InlineData("US", "+48 81 825 12 34", false)]
    [InlineData("DE", "+49 30 901820", true)]
    [InlineData("DE", "+48 81 825 12 34", false)]
    [InlineData("GB", "020 7946 0321", true)]
    [InlineData("GB", "+1 425 555 0100", false)]
    public async Task Every_countrys_phone_rule_is_its_own(string country, string phone, bool valid)
    {
        var rules = new CountryValidationRules(country, false, false, false, true, null, null, [], ["en-US"], ["en"], "en-US");
        var validator = new BillingProfileValidator(new FakeCountryRules(rules));
        var current = Samples.PolishProfile with
        {
            Culture = "en-US",
            Language = "en",
            DefaultAddress = Samples.PolishProfile.DefaultAddress with { Country = country, PostalCode = null, PhoneNumber = null },
        };
        var draft = new BillingProfileDraft(new Dictionary<BillingProfileField, string>(BillingProfileDraft.From(current).Values) { [BillingProfileField.PhoneNumber] = phone });

        var result = await validator.ValidateAsync(draft, current, CancellationToken.None);

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void A_form_input_missing_from_the_submit_is_empty_and_a_field_the_form_does_not_offer_keeps_its_value()
    {
        var current = BillingProfileDraft.From(Samples.PolishProfile);
        var typed = current.Values
            .Where(kv => kv.Key is not BillingProfileField.AddressLine1 and not BillingProfileField.Country)
            .ToDictionary(kv => BillingProfileDraft.InputId(kv.Key), kv => (string?)kv.Value);

        var draft = BillingProfileDraft.FromSubmitted(typed, current, FormInputs);

        Assert.Equal(string.Empty, draft[BillingProfileField.AddressLine1]);
        Assert.Equal("PL", draft[BillingProfileField.Country]);
        Assert.Equal(current[BillingProfileField.Email], draft[BillingProfileField.Email]);
    }
}
