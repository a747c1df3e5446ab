using PartnerBot.Domain.Customers;
using PartnerBot.PartnerCenter.Tests.Support;

namespace PartnerBot.PartnerCenter.Tests;

/// <summary>The customer and billing profile calls against the documented shapes.</summary>
public sealed class CustomerApiTests : IDisposable
{
    private const string Contoso = "0c9a7a5e-0000-4000-8000-000000000001";
    private static readonly string[] RefusedPostalCode = ["defaultAddress.postalCode"];
    private static readonly string[] PolishLanguages = ["pl", "en"];
    private static readonly string[] PolishCultures = ["pl-PL", "en-US"];
    private readonly PartnerCenterStandIn _standIn = new();
    private readonly ConnectorHost _host;

    public CustomerApiTests()
    {
        _host = new ConnectorHost(_standIn.Options());
    }

    [Fact]
    public async Task Three_pages_of_customers_are_followed_through_the_continuation_token()
    {
        _standIn.Json("GET", "/v1/customers", 200, Page(["Contoso", "Fabrikam"], next: "token-page-2"), priority: 10);
        _standIn.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v1/customers").UsingGet().WithHeader("MS-ContinuationToken", "token-page-2"))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBodyAsJson(Page(["Tailspin", "Wingtip"], next: "token-page-3")));
        _standIn.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v1/customers").UsingGet().WithHeader("MS-ContinuationToken", "token-page-3"))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBodyAsJson(Page(["Zakłady Mięsne Kraśnik"], next: null)));

        var names = new List<string>();
        Api.PageCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await _host.Client.ListCustomersAsync(cursor, CancellationToken.None);
            names.AddRange(page.Customers.Select(c => c.CompanyName));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["Contoso", "Fabrikam", "Tailspin", "Wingtip", "Zakłady Mięsne Kraśnik"], names);
        Assert.Equal(3, pages);
        var first = _standIn.ApiRequests("GET", "/v1/customers")[0];
        Assert.Equal("500", first.RequestMessage.Query!["size"].ToString());
        Assert.StartsWith("Bearer app-token-", PartnerCenterStandIn.Header(first, "Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_call_carries_a_request_id_a_fresh_correlation_id_and_the_contract_version()
    {
        _standIn.Json("GET", $"/v1/customers/{Contoso}", 200, PartnerCenterStandIn.Customer(Contoso, "Contoso", "contoso.onmicrosoft.com", PartnerCenterStandIn.Billing("Contoso Ltd", "billing@contoso.com", "etag-1")));

        await _host.Client.GetCustomerAsync(Contoso, CancellationToken.None);
        await _host.Client.GetCustomerAsync(Contoso, CancellationToken.None);

        var calls = _standIn.ApiRequests("GET", $"/v1/customers/{Contoso}");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.True(Guid.TryParse(PartnerCenterStandIn.Header(c, "MS-RequestId"), out _)));
        Assert.All(calls, c => Assert.Equal("v1", PartnerCenterStandIn.Header(c, "MS-Contract-Version")));
        Assert.NotEqual(PartnerCenterStandIn.Header(calls[0], "MS-CorrelationId"), PartnerCenterStandIn.Header(calls[1], "MS-CorrelationId"));
        var correlation = PartnerCenterStandIn.Header(calls[1], "MS-CorrelationId");
        Assert.Contains(_host.Logs.Lines, l => l.Contains(correlation, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("app-token-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_billing_update_sends_the_etag_it_read_in_the_body_and_in_If_Match()
    {
        _standIn.Json("GET", $"/v1/customers/{Contoso}", 200, PartnerCenterStandIn.Customer(Contoso, "Contoso", "contoso.onmicrosoft.com", PartnerCenterStandIn.Billing("Contoso Ltd", "billing@contoso.com", "etag-read-1")));
        _standIn.Json("PUT", $"/v1/customers/{Contoso}/profiles/billing", 200, PartnerCenterStandIn.Billing("Contoso Ltd", "faktury@contoso.com", "etag-written-2"));

        var customer = await _host.Client.GetCustomerAsync(Contoso, CancellationToken.None);
        var read = customer!.Billing!;
        var written = await _host.Client.ReplaceBillingProfileAsync(Contoso, read with { Email = "faktury@contoso.com" }, read.Etag, "op-1", CancellationToken.None);

        Assert.Equal("etag-read-1", read.Etag);
        Assert.Equal("etag-written-2", written.Etag);
        Assert.Equal("faktury@contoso.com", written.Email);
        var put = Assert.Single(_standIn.ApiRequests("PUT"));
        Assert.Equal("\"etag-read-1\"", PartnerCenterStandIn.Header(put, "If-Match"));
        using var body = System.Text.Json.JsonDocument.Parse(put.RequestMessage.Body!);
        Assert.Equal("etag-read-1", body.RootElement.GetProperty("attributes").GetProperty("etag").GetString());
        Assert.Equal("faktury@contoso.com", body.RootElement.GetProperty("email").GetString());
        Assert.Equal("20-001", body.RootElement.GetProperty("defaultAddress").GetProperty("postalCode").GetString());
    }

    [Theory]
    [InlineData(412, null)]
    [InlineData(400, 2055)]
    public async Task A_stale_etag_is_a_conflict_whichever_way_the_API_says_it(int status, int? code)
    {
        _standIn.Json("PUT", $"/v1/customers/{Contoso}/profiles/billing", status, PartnerCenterStandIn.Error(code ?? 412, "Etag is no longer valid"));

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() =>
            _host.Client.ReplaceBillingProfileAsync(Contoso, Profile(), "etag-old", "op-2", CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.StaleEtag, failure.Failure);
        Assert.Single(_standIn.ApiRequests("PUT"));
    }

    [Fact]
    public async Task A_refused_field_is_named()
    {
        _standIn.Json("PUT", $"/v1/customers/{Contoso}/profiles/billing", 400, new { code = 2001, description = "Invalid postal code", data = RefusedPostalCode, source = "PartnerFD" });

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() =>
            _host.Client.ReplaceBillingProfileAsync(Contoso, Profile(), "etag-1", "op-3", CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.InvalidInput, failure.Failure);
        Assert.Equal("postalCode", failure.Field);
        Assert.DoesNotContain("Invalid postal code", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, 20002, PartnerCenterFailure.NoRelationship)]
    [InlineData(401, 900421, PartnerCenterFailure.MfaRequired)]
    [InlineData(403, 1, PartnerCenterFailure.NotAuthorized)]
    public async Task Refusals_come_back_in_the_domains_words(int status, int code, PartnerCenterFailure expected)
    {
        _standIn.Json("GET", $"/v1/customers/{Contoso}", status, PartnerCenterStandIn.Error(code, "raw API text the user must never see"));

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => _host.Client.GetCustomerAsync(Contoso, CancellationToken.None));

        Assert.Equal(expected, failure.Failure);
        Assert.DoesNotContain("raw API text", failure.Message, StringComparison.Ordinal);
        Assert.Single(_standIn.ApiRequests("GET"));
    }

    [Fact]
    public async Task App_only_refusal_on_the_company_profile_is_recognized()
    {
        _standIn.Json("GET", $"/v1/customers/{Contoso}/profiles/company", 403, PartnerCenterStandIn.Error(600, "This resource can't be accessed by application credentials."));

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => _host.Client.GetCompanyProfileAsync(Contoso, CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.AppOnlyNotAllowed, failure.Failure);
        Assert.StartsWith("Bearer user-token-", PartnerCenterStandIn.Header(_standIn.ApiRequests("GET")[0], "Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_customer_is_null_not_an_error()
    {
        _standIn.Json("GET", $"/v1/customers/{Contoso}", 404, PartnerCenterStandIn.Error(1000, "Customer not found"));

        Assert.Null(await _host.Client.GetCustomerAsync(Contoso, CancellationToken.None));
    }

    [Fact]
    public async Task Malformed_JSON_is_a_clear_failure_not_a_crash()
    {
        _standIn.Raw("GET", $"/v1/customers/{Contoso}", 200, "{\"id\": \"" + Contoso + "\", \"companyProfile\": {");

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => _host.Client.GetCustomerAsync(Contoso, CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.MalformedResponse, failure.Failure);
    }

    [Fact]
    public async Task Country_rules_are_read_from_the_documented_shape()
    {
        _standIn.Json("GET", "/v1/countryvalidationrules/PL", 200, new
        {
            countryIso2Code = "PL",
            supportedLanguagesList = PolishLanguages,
            supportedCulturesList = PolishCultures,
            defaultCulture = "pl-PL",
            isStateRequired = false,
            supportedStatesList = Array.Empty<string>(),
            isCityRequired = true,
            isPostalCodeRequired = true,
            postalCodeRegex = "^\\d{2}-\\d{3}$",
            isPhoneNumberRequired = true,
            phoneNumberRegex = "^[0-9 +()-]{9,20}$",
        });

        var rules = await _host.Client.GetCountryRulesAsync("PL", CancellationToken.None);

        Assert.NotNull(rules);
        Assert.True(rules.IsPhoneNumberRequired);
        Assert.Equal("^\\d{2}-\\d{3}$", rules.PostalCodeRegex);
        Assert.Equal(["pl-PL", "en-US"], rules.SupportedCultures);
    }

    public void Dispose()
    {
        _host.Dispose();
        _standIn.Dispose();
    }

    internal static BillingProfile Profile() => new(
        "Contoso Ltd", "Anna", "Nowak", "billing@contoso.com", "pl-PL", "pl",
        new Address("ul. Długa 5", null, null, "Lublin", null, "20-001", "PL", "+48 81 123 45 67"), "etag-1");

    private static object Page(string[] names, string? next) => new
    {
        totalCount = names.Length,
        items = names.Select((n, i) => PartnerCenterStandIn.Customer(Guid.NewGuid().ToString(), n, n.ToLowerInvariant().Replace(' ', '-') + ".onmicrosoft.com")).ToArray(),
        links = next is null
            ? null
            : new { next = new { uri = "/v1/customers?size=500&seekOperation=Next", method = "GET", headers = new[] { new { key = "MS-ContinuationToken", value = next } } } },
        attributes = new { objectType = "Collection" },
    };
}
