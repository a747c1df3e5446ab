using PartnerBot.PartnerCenter.Tests.Support;

namespace PartnerBot.PartnerCenter.Tests;

/// <summary>The self-serve policy (purchase permission) and the address check.</summary>
public sealed class PurchasePermissionApiTests : IDisposable
{
    private const string Contoso = "0c9a7a5e-0000-4000-8000-000000000001";
    private readonly PartnerCenterStandIn _standIn = new();
    private readonly ConnectorHost _host;

    public PurchasePermissionApiTests()
    {
        _host = new ConnectorHost(_standIn.Options());
    }

    [Fact]
    public async Task Creating_a_policy_grants_reservations_and_savings_plans_as_the_service_account()
    {
        _standIn.Json("POST", "/v1/SelfServePolicy", 201, Policy("policy-1", "etag-p1"));

        var policy = await _host.Client.CreateSelfServePolicyAsync(Contoso, "op-create", CancellationToken.None);

        Assert.Equal("policy-1", policy.Id);
        var post = Assert.Single(_standIn.ApiRequests("POST"));
        Assert.StartsWith("Bearer user-token-", PartnerCenterStandIn.Header(post, "Authorization"), StringComparison.Ordinal);
        using var body = System.Text.Json.JsonDocument.Parse(post.RequestMessage.Body!);
        Assert.Equal(Contoso, body.RootElement.GetProperty("selfServeEntity").GetProperty("tenantID").GetString());
        var resources = body.RootElement.GetProperty("permissions").EnumerateArray().Select(p => p.GetProperty("resource").GetString()).ToList();
        Assert.Equal(["AzureReservedInstances", "AzureSavingsPlan"], resources);
    }

    [Fact]
    public async Task A_duplicate_create_is_AlreadyExists()
    {
        _standIn.Json("POST", "/v1/SelfServePolicy", 409, PartnerCenterStandIn.Error(409, "Policy already exists"));

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => _host.Client.CreateSelfServePolicyAsync(Contoso, "op-dup", CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.AlreadyExists, failure.Failure);
    }

    [Fact]
    public async Task The_policy_is_read_updated_with_its_etag_and_deleted()
    {
        _standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 1, items = new[] { Policy("policy-7", "etag-p7", ["AzureReservedInstances"]) } });
        _standIn.Json("PUT", "/v1/SelfServePolicy/policy-7", 200, Policy("policy-7", "etag-p8"));
        _standIn.Raw("DELETE", "/v1/SelfServePolicy/policy-7", 204, "");

        var policy = await _host.Client.GetSelfServePolicyAsync(Contoso, CancellationToken.None);
        var updated = await _host.Client.UpdateSelfServePolicyAsync(policy!, "op-update", CancellationToken.None);
        await _host.Client.DeleteSelfServePolicyAsync(updated.Id, "op-delete", CancellationToken.None);

        Assert.Equal(["AzureReservedInstances"], policy!.Resources);
        Assert.Equal(["AzureReservedInstances", "AzureSavingsPlan"], updated.Resources);
        Assert.Equal(Contoso, _standIn.ApiRequests("GET")[0].RequestMessage.Query!["entity_id"].ToString());
        Assert.Equal("\"etag-p7\"", PartnerCenterStandIn.Header(Assert.Single(_standIn.ApiRequests("PUT")), "If-Match"));
        Assert.Single(_standIn.ApiRequests("DELETE"));
    }

    [Fact]
    public async Task No_policy_means_purchase_permission_is_off()
    {
        _standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 0, items = Array.Empty<object>() });

        Assert.Null(await _host.Client.GetSelfServePolicyAsync(Contoso, CancellationToken.None));
    }

    [Fact]
    public async Task An_address_the_service_cannot_verify_comes_back_with_its_suggestions()
    {
        _standIn.Json("POST", "/v1/validations/address", 200, new
        {
            originalAddress = new { addressLine1 = "Dluga 5", city = "Lublin", postalCode = "20001", country = "PL" },
            suggestedAddresses = new[]
            {
                new { addressLine1 = "ul. Długa 5", city = "Lublin", postalCode = "20-001", country = "PL" },
                new { addressLine1 = "ul. Długa 5A", city = "Lublin", postalCode = "20-001", country = "PL" },
            },
            status = "StreetPartial",
            validationMessage = "Street partially matched",
        });

        var check = await _host.Client.ValidateAddressAsync(
            new Domain.Customers.Address("Dluga 5", null, null, "Lublin", null, "20001", "PL", "+48 81 123 45 67"), CancellationToken.None);

        Assert.Equal(Domain.Validation.AddressValidationStatus.StreetPartial, check.Status);
        Assert.True(check.NeedsConfirmation);
        Assert.Equal(["ul. Długa 5", "ul. Długa 5A"], check.Suggestions.Select(s => s.AddressLine1));
        Assert.All(check.Suggestions, s => Assert.Equal("+48 81 123 45 67", s.PhoneNumber));
    }

    [Fact]
    public async Task Audit_records_are_paged_and_kept_to_the_customer()
    {
        _standIn.Json("GET", "/v1/auditrecords", 200, new
        {
            totalCount = 2,
            items = new object[] { Record("r1", Contoso, "UpdateCustomerBillingProfile", "2026-11-20T10:00:00Z"), Record("r0", "someone-else", "UpdateCustomerBillingProfile", "2026-11-20T09:00:00Z") },
            links = new { next = new { uri = "/v1/auditrecords?seekOperation=Next", method = "GET", headers = new[] { new { key = "MS-ContinuationToken", value = "audit-2" } } } },
        }, priority: 10);
        _standIn.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v1/auditrecords").UsingGet().WithHeader("MS-ContinuationToken", "audit-2"))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBodyAsJson(new
            {
                totalCount = 1,
                items = new object[] { Record("r2", Contoso, "CreateCustomerPurchasePermission", "2026-11-22T10:00:00Z") },
            }));

        var records = await _host.Client.ListAuditRecordsAsync(Contoso, DateTimeOffset.Parse("2026-09-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-11-27T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 5, CancellationToken.None);

        Assert.Equal(["r2", "r1"], records.Select(r => r.Id));
        Assert.Equal(2, _standIn.ApiRequests("GET", "/v1/auditrecords").Count);
        Assert.Equal("2026-09-01T00:00:00Z", _standIn.ApiRequests("GET", "/v1/auditrecords")[0].RequestMessage.Query!["startDate"].ToString());
    }

    public void Dispose()
    {
        _host.Dispose();
        _standIn.Dispose();
    }

    private static object Record(string id, string customerId, string operation, string at) => new
    {
        id,
        customerId,
        customerName = "Contoso",
        userPrincipalName = "jan@partner.example",
        resourceType = "Customer",
        operationType = operation,
        operationStatus = "Succeeded",
        operationDate = at,
        applicationId = "portal",
    };

    private static object Policy(string id, string etag, string[]? resources = null) => new
    {
        id,
        selfServeEntity = new { selfServeEntityType = "customer", tenantID = Contoso },
        grantor = new { grantorEntityType = "billToPartner", tenantID = "partner" },
        permissions = (resources ?? ["AzureReservedInstances", "AzureSavingsPlan"]).Select(r => new { action = "Purchase", resource = r }).ToArray(),
        attributes = new { etag, objectType = "SelfServePolicy" },
    };
}
