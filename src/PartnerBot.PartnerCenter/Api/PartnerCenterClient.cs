using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Validation;
using PartnerBot.PartnerCenter.Auth;
using PartnerBot.PartnerCenter.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PartnerBot.PartnerCenter.Api;

/// <summary>Where the next page of a list starts: the API's next link and its continuation header.</summary>
public sealed record PageCursor(Uri Next, IReadOnlyList<KeyValuePair<string, string>> Headers);

public sealed record CustomerPage(IReadOnlyList<CustomerSearchEntry> Customers, PageCursor? Next);

/// <summary>A customer as GET /customers/{id} returns it: the company summary and the billing profile with its etag.</summary>
public sealed record PartnerCenterCustomer(string Id, CompanyProfile Company, BillingProfile? Billing);

/// <summary>The customer's self-serve policy (purchase permission); <see cref="Etag"/> for an update.</summary>
public sealed record SelfServePolicy(string Id, string CustomerId, IReadOnlyList<string> Resources, string? Etag);

/// <summary>One change recorded by Partner Center, whoever made it (the portal, an app, PartnerBot).</summary>
public sealed record PartnerCenterAuditRecord(
    string Id,
    string CustomerId,
    string? CustomerName,
    string? UserPrincipalName,
    string? OperationType,
    string? OperationStatus,
    DateTimeOffset OperationDate,
    string? ApplicationId,
    string? ResourceNewValue);

/// <summary>
/// The Partner Center REST API (v1) over a typed HttpClient and System.Text.Json. Every call carries a
/// fresh MS-CorrelationId and an MS-RequestId (a write's is derived from its operation id, so a retry or a
/// replay is recognized as the same request). Failures surface as <see cref="PartnerCenterException"/> in the
/// domain's words; the API's own messages never leave this class.
/// </summary>
public sealed class PartnerCenterClient(HttpClient http, PartnerCenterOptions options)
{
    /// <summary>The permissions "Allow customer to purchase" grants: Azure reservations and savings plans.</summary>
    public static readonly IReadOnlyList<string> PurchaseResources = ["AzureReservedInstances", "AzureSavingsPlan"];

    private static readonly HashSet<string> BillingFieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "companyName", "firstName", "lastName", "email", "culture", "language", "addressLine1", "addressLine2",
        "addressLine3", "city", "state", "postalCode", "country", "phoneNumber",
    };

    public async Task<CustomerPage> ListCustomersAsync(PageCursor? cursor, CancellationToken cancellationToken)
    {
        var uri = cursor?.Next ?? Url($"customers?size={Math.Clamp(options.PageSize, 1, 500)}");
        var page = await GetAsync<ResourceCollection<CustomerDto>>(uri, PartnerCenterCredential.AppOnly, cursor?.Headers, cancellationToken).ConfigureAwait(false);
        return new CustomerPage(ToEntries(page?.Items), NextCursor(page?.Links));
    }

    /// <summary>Customers whose company name or domain starts with <paramref name="prefix"/> (the API knows no other search).</summary>
    public async Task<IReadOnlyList<CustomerSearchEntry>> SearchCustomersAsync(string field, string prefix, int size, CancellationToken cancellationToken)
    {
        var filter = JsonSerializer.Serialize(new { Field = field, Value = prefix, Operator = "starts_with" });
        var uri = Url($"customers?size={Math.Clamp(size, 1, 500)}&filter={Uri.EscapeDataString(filter)}");
        var page = await GetAsync<ResourceCollection<CustomerDto>>(uri, PartnerCenterCredential.AppOnly, null, cancellationToken).ConfigureAwait(false);
        return ToEntries(page?.Items);
    }

    /// <summary>The customer, or null when Partner Center does not know it (404).</summary>
    public async Task<PartnerCenterCustomer?> GetCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        CustomerDto? customer;
        try
        {
            customer = await GetAsync<CustomerDto>(Url($"customers/{Escape(customerId)}"), PartnerCenterCredential.AppOnly, null, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.NotFound)
        {
            return null;
        }

        if (customer?.Id is null || customer.CompanyProfile is null)
        {
            throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse);
        }

        var company = ToCompany(customer.Id, customer.CompanyProfile);
        var billing = customer.BillingProfile is { } dto ? ToBilling(dto) : null;
        return new PartnerCenterCustomer(customer.Id, company, billing);
    }

    public async Task<BillingProfile> GetBillingProfileAsync(string customerId, CancellationToken cancellationToken)
    {
        var dto = await GetAsync<BillingProfileDto>(Url($"customers/{Escape(customerId)}/profiles/billing"), PartnerCenterCredential.AppOnly, null, cancellationToken).ConfigureAwait(false);
        return ToBilling(dto ?? throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse));
    }

    /// <summary>
    /// Replaces the billing profile. The etag goes in the body's attributes and in If-Match (the reference
    /// names one, the how-to page the other). 412 and 400/2055 both mean stale: <see cref="PartnerCenterFailure.StaleEtag"/>.
    /// </summary>
    public async Task<BillingProfile> ReplaceBillingProfileAsync(
        string customerId, BillingProfile profile, string etag, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var body = FromBilling(profile, etag);
        using var request = NewRequest(HttpMethod.Put, Url($"customers/{Escape(customerId)}/profiles/billing"), PartnerCenterCredential.AppOnly, RequestIdFor(operationId));
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(Quoted(etag)));
        request.Content = JsonContent.Create(body, options: PartnerCenterJson.Options);
        var written = await SendAsync<BillingProfileDto>(request, cancellationToken).ConfigureAwait(false);
        return ToBilling(written ?? throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse));
    }

    /// <summary>The tenant's company profile (read-only; app+user only), with the registration number where the country has one.</summary>
    public async Task<CompanyProfile> GetCompanyProfileAsync(string customerId, CancellationToken cancellationToken)
    {
        var dto = await GetAsync<CustomerCompanyProfileDto>(Url($"customers/{Escape(customerId)}/profiles/company"), PartnerCenterCredential.AppUser, null, cancellationToken).ConfigureAwait(false);
        return ToCompany(customerId, dto ?? throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse));
    }

    public async Task<CountryValidationRules?> GetCountryRulesAsync(string countryCode, CancellationToken cancellationToken)
    {
        CountryValidationRulesDto? dto;
        try
        {
            dto = await GetAsync<CountryValidationRulesDto>(Url($"countryvalidationrules/{Escape(countryCode)}"), PartnerCenterCredential.AppOnly, null, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerCenterException ex) when (ex.Failure is PartnerCenterFailure.NotFound or PartnerCenterFailure.InvalidInput)
        {
            return null;
        }

        if (dto is null)
        {
            return null;
        }

        return new CountryValidationRules(
            CountryCode: dto.CountryIso2Code ?? countryCode.ToUpperInvariant(),
            IsCityRequired: dto.IsCityRequired,
            IsStateRequired: dto.IsStateRequired,
            IsPostalCodeRequired: dto.IsPostalCodeRequired,
            IsPhoneNumberRequired: dto.IsPhoneNumberRequired,
            PostalCodeRegex: Blank(dto.PostalCodeRegex),
            PhoneNumberRegex: Blank(dto.PhoneNumberRegex),
            SupportedStates: dto.SupportedStatesList ?? [],
            SupportedCultures: dto.SupportedCulturesList ?? [],
            SupportedLanguages: dto.SupportedLanguagesList ?? [],
            DefaultCulture: dto.DefaultCulture ?? dto.SupportedCulturesList?.FirstOrDefault() ?? "en-US");
    }

    public async Task<AddressValidation> ValidateAddressAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var request = NewRequest(HttpMethod.Post, Url("validations/address"), PartnerCenterCredential.AppOnly, Guid.NewGuid().ToString());
        request.Content = JsonContent.Create(FromAddress(address, null, null), options: PartnerCenterJson.Options);
        var dto = await SendAsync<AddressValidationResponseDto>(request, cancellationToken).ConfigureAwait(false)
            ?? throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse);
        var status = Enum.TryParse<AddressValidationStatus>(dto.Status, ignoreCase: true, out var parsed) ? parsed : AddressValidationStatus.NotValidated;
        var suggestions = (dto.SuggestedAddresses ?? []).Take(3).Select(s => ToAddress(s, address.PhoneNumber)).ToList();
        return new AddressValidation(status, suggestions);
    }

    /// <summary>The customer's self-serve policy, or null when purchase permission is off (none exists).</summary>
    public async Task<SelfServePolicy?> GetSelfServePolicyAsync(string customerId, CancellationToken cancellationToken)
    {
        var page = await GetAsync<ResourceCollection<SelfServePolicyDto>>(
            Url($"SelfServePolicy?entity_id={Uri.EscapeDataString(customerId)}"), PartnerCenterCredential.AppUser, null, cancellationToken).ConfigureAwait(false);
        var policy = page?.Items?.FirstOrDefault(p => p.Id is not null);
        return policy is null ? null : ToPolicy(policy, customerId);
    }

    /// <summary>Creates the policy granting reservations and savings plans; a duplicate is <see cref="PartnerCenterFailure.AlreadyExists"/> (409).</summary>
    public async Task<SelfServePolicy> CreateSelfServePolicyAsync(string customerId, string operationId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, Url("SelfServePolicy"), PartnerCenterCredential.AppUser, RequestIdFor(operationId));
        request.Content = JsonContent.Create(PolicyBody(null, customerId, null), options: PartnerCenterJson.Options);
        var dto = await SendAsync<SelfServePolicyDto>(request, cancellationToken).ConfigureAwait(false);
        return dto?.Id is null ? throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse) : ToPolicy(dto, customerId);
    }

    /// <summary>Puts the policy's permissions back to reservations and savings plans (after a 409 found one that grants less).</summary>
    public async Task<SelfServePolicy> UpdateSelfServePolicyAsync(SelfServePolicy policy, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        using var request = NewRequest(HttpMethod.Put, Url($"SelfServePolicy/{Escape(policy.Id)}"), PartnerCenterCredential.AppUser, RequestIdFor(operationId));
        if (policy.Etag is { } etag)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(Quoted(etag)));
        }

        request.Content = JsonContent.Create(PolicyBody(policy.Id, policy.CustomerId, policy.Etag), options: PartnerCenterJson.Options);
        var dto = await SendAsync<SelfServePolicyDto>(request, cancellationToken).ConfigureAwait(false);
        return dto?.Id is null ? policy with { Resources = PurchaseResources } : ToPolicy(dto, policy.CustomerId);
    }

    /// <summary>Deletes the policy: purchase permission off. A policy already gone counts as deleted.</summary>
    public async Task DeleteSelfServePolicyAsync(string policyId, string operationId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Delete, Url($"SelfServePolicy/{Escape(policyId)}"), PartnerCenterCredential.AppUser, RequestIdFor(operationId));
        try
        {
            using var response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.NotFound)
        {
            // Someone (or an earlier attempt of this very request) deleted it already: the state asked for holds.
        }
    }

    /// <summary>Partner Center's audit records for one customer in a date range, newest first, following at most <paramref name="maxPages"/> pages.</summary>
    public async Task<IReadOnlyList<PartnerCenterAuditRecord>> ListAuditRecordsAsync(
        string customerId, DateTimeOffset start, DateTimeOffset end, int maxPages, CancellationToken cancellationToken)
    {
        var filter = JsonSerializer.Serialize(new { Field = "CustomerId", Value = customerId, Operator = "substring" });
        var uri = Url($"auditrecords?startDate={Uri.EscapeDataString(start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))}" +
                      $"&endDate={Uri.EscapeDataString(end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))}" +
                      $"&filter={Uri.EscapeDataString(filter)}");
        var records = new List<PartnerCenterAuditRecord>();
        PageCursor? cursor = null;
        for (var page = 0; page < maxPages; page++)
        {
            var collection = await GetAsync<ResourceCollection<AuditRecordDto>>(cursor?.Next ?? uri, PartnerCenterCredential.AppOnly, cursor?.Headers, cancellationToken).ConfigureAwait(false);
            foreach (var item in collection?.Items ?? [])
            {
                if (item.Id is null || !string.Equals(item.CustomerId, customerId, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                records.Add(new PartnerCenterAuditRecord(
                    item.Id, item.CustomerId!, item.CustomerName, item.UserPrincipalName, item.OperationType, item.OperationStatus,
                    item.OperationDate, item.ApplicationId, item.ResourceNewValue));
            }

            cursor = NextCursor(collection?.Links);
            if (cursor is null)
            {
                break;
            }
        }

        return records.OrderByDescending(r => r.OperationDate).ToList();
    }

    /// <summary>The MS-RequestId for a write: the operation id when it is a GUID, else a GUID derived from it, so a replay carries the same one.</summary>
    internal static string RequestIdFor(string operationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        if (Guid.TryParse(operationId, out var guid))
        {
            return guid.ToString();
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(operationId));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private async Task<T?> GetAsync<T>(Uri uri, PartnerCenterCredential credential, IReadOnlyList<KeyValuePair<string, string>>? headers, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, uri, credential, Guid.NewGuid().ToString());
        foreach (var (key, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        return await SendAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return bytes.Length == 0 ? default : JsonSerializer.Deserialize<T>(StripBom(bytes), PartnerCenterJson.Options);
        }
        catch (JsonException ex)
        {
            throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse, (int)response.StatusCode, inner: ex);
        }
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isRead = PartnerCenterResilience.IsRead(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            // Open circuit: nothing was sent, so even a write is known not to have happened.
            throw new PartnerCenterException(PartnerCenterFailure.Unavailable, inner: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PartnerCenterException(isRead ? PartnerCenterFailure.Unavailable : PartnerCenterFailure.OutcomeUnknown, inner: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToFailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<PartnerCenterException> ToFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ApiErrorDto? error = null;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length > 0)
            {
                error = JsonSerializer.Deserialize<ApiErrorDto>(StripBom(bytes), PartnerCenterJson.Options);
            }
        }
        catch (JsonException)
        {
            // The status alone says enough; an unreadable error body must not hide it.
        }

        var code = error?.Code.ValueKind switch
        {
            JsonValueKind.Number => error.Code.GetRawText(),
            JsonValueKind.String => error.Code.GetString(),
            _ => null,
        };
        var failure = response.StatusCode switch
        {
            HttpStatusCode.NotFound => PartnerCenterFailure.NotFound,
            HttpStatusCode.PreconditionFailed => PartnerCenterFailure.StaleEtag,
            HttpStatusCode.BadRequest when code == "2055" => PartnerCenterFailure.StaleEtag,
            HttpStatusCode.BadRequest => PartnerCenterFailure.InvalidInput,
            HttpStatusCode.Conflict => PartnerCenterFailure.AlreadyExists,
            HttpStatusCode.TooManyRequests => PartnerCenterFailure.Throttled,
            HttpStatusCode.Unauthorized when code == "900421" => PartnerCenterFailure.MfaRequired,
            HttpStatusCode.Forbidden when code == "20002" => PartnerCenterFailure.NoRelationship,
            HttpStatusCode.Forbidden when error?.Description?.Contains("application credentials", StringComparison.OrdinalIgnoreCase) == true => PartnerCenterFailure.AppOnlyNotAllowed,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PartnerCenterFailure.NotAuthorized,
            _ => PartnerCenterFailure.Unavailable,
        };
        var field = failure == PartnerCenterFailure.InvalidInput ? RefusedField(error) : null;
        return new PartnerCenterException(failure, status, code, field);
    }

    // A validation error names the field in data[] (a string, or an object with a field name); only known field names are kept.
    private static string? RefusedField(ApiErrorDto? error)
    {
        foreach (var item in error?.Data ?? [])
        {
            var candidate = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object when item.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String => f.GetString(),
                _ => null,
            };
            var name = candidate?.Split('.').Last();
            if (name is not null && BillingFieldNames.Contains(name))
            {
                return BillingFieldNames.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            }
        }

        return null;
    }

    private static HttpRequestMessage NewRequest(HttpMethod method, Uri uri, PartnerCenterCredential credential, string requestId)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Options.Set(PartnerCenterCallHandler.Credential, credential);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("MS-RequestId", requestId);
        request.Headers.Add("MS-CorrelationId", Guid.NewGuid().ToString());
        request.Headers.Add("MS-Contract-Version", "v1");
        request.Headers.Add("X-Locale", "en-US");
        return request;
    }

    private Uri Url(string relative) => new(options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + relative);

    private PageCursor? NextCursor(CollectionLinks? links)
    {
        if (links?.Next?.Uri is not { Length: > 0 } next)
        {
            return null;
        }

        // The API's next link is host-relative ("/v1/customers?seekOperation=Next"): resolve it against the base URL's host.
        var uri = Uri.TryCreate(next, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? absolute
            : new Uri(options.BaseUrl, next);
        var headers = (links.Next.Headers ?? [])
            .Where(h => !string.IsNullOrEmpty(h.Key) && h.Value is not null)
            .Select(h => new KeyValuePair<string, string>(h.Key!, h.Value!))
            .ToList();
        return new PageCursor(uri, headers);
    }

    private static List<CustomerSearchEntry> ToEntries(List<CustomerDto>? items) =>
        (items ?? [])
            .Where(c => c.Id is not null && c.CompanyProfile?.CompanyName is not null)
            .Select(c => new CustomerSearchEntry(c.Id!, c.CompanyProfile!.CompanyName!, c.CompanyProfile.Domain ?? ""))
            .ToList();

    private static CompanyProfile ToCompany(string customerId, CustomerCompanyProfileDto dto) =>
        new(dto.TenantId ?? customerId, dto.Domain ?? "", dto.CompanyName ?? "", Blank(dto.OrganizationRegistrationNumber));

    private static BillingProfile ToBilling(BillingProfileDto dto)
    {
        var address = dto.DefaultAddress ?? new AddressDto();
        return new BillingProfile(
            CompanyName: dto.CompanyName ?? "",
            FirstName: dto.FirstName ?? address.FirstName ?? "",
            LastName: dto.LastName ?? address.LastName ?? "",
            Email: dto.Email ?? "",
            Culture: dto.Culture ?? "",
            Language: dto.Language ?? "",
            DefaultAddress: ToAddress(address, null),
            Etag: dto.Attributes?.Etag ?? throw new PartnerCenterException(PartnerCenterFailure.MalformedResponse));
    }

    private static Address ToAddress(AddressDto dto, string? phoneFallback) => new(
        AddressLine1: dto.AddressLine1 ?? "",
        AddressLine2: Blank(dto.AddressLine2),
        AddressLine3: Blank(dto.AddressLine3),
        City: Blank(dto.City),
        State: Blank(dto.State),
        PostalCode: Blank(dto.PostalCode),
        Country: dto.Country ?? "",
        PhoneNumber: Blank(dto.PhoneNumber) ?? phoneFallback);

    private static BillingProfileDto FromBilling(BillingProfile profile, string etag) => new()
    {
        Id = "billing",
        FirstName = profile.FirstName,
        LastName = profile.LastName,
        Email = profile.Email,
        Culture = profile.Culture,
        Language = profile.Language,
        CompanyName = profile.CompanyName,
        DefaultAddress = FromAddress(profile.DefaultAddress, profile.FirstName, profile.LastName),
        Attributes = new ResourceAttributes { Etag = etag, ObjectType = "CustomerBillingProfile" },
    };

    private static AddressDto FromAddress(Address address, string? firstName, string? lastName) => new()
    {
        Country = address.Country,
        City = address.City,
        State = address.State,
        AddressLine1 = address.AddressLine1,
        AddressLine2 = address.AddressLine2,
        AddressLine3 = address.AddressLine3,
        PostalCode = address.PostalCode,
        FirstName = firstName,
        LastName = lastName,
        PhoneNumber = address.PhoneNumber,
    };

    private static SelfServePolicyDto PolicyBody(string? id, string customerId, string? etag) => new()
    {
        Id = id,
        SelfServeEntity = new SelfServeEntityDto { SelfServeEntityType = "customer", TenantId = customerId },
        Grantor = new GrantorDto { GrantorEntityType = "billToPartner" },
        Permissions = PurchaseResources.Select(r => new PolicyPermissionDto { Action = "Purchase", Resource = r }).ToList(),
        Attributes = new ResourceAttributes { Etag = etag, ObjectType = "SelfServePolicy" },
    };

    private static SelfServePolicy ToPolicy(SelfServePolicyDto dto, string customerId) => new(
        dto.Id!,
        dto.SelfServeEntity?.TenantId ?? customerId,
        (dto.Permissions ?? []).Where(p => p.Resource is not null).Select(p => p.Resource!).ToList(),
        dto.Attributes?.Etag);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Quoted(string etag) => etag.StartsWith('"') ? etag : "\"" + etag + "\"";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ReadOnlySpan<byte> StripBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes;
}
