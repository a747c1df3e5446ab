using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerBot.PartnerCenter.Api;

// The documented JSON shapes of the Partner Center REST API (v1), only the fields PartnerBot reads or
// writes. Unknown fields are ignored, so the API may add some without breaking the bot.

internal static class PartnerCenterJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed class ResourceAttributes
{
    public string? Etag { get; set; }

    public string? ObjectType { get; set; }
}

internal sealed class LinkHeader
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}

internal sealed class Link
{
    public string? Uri { get; set; }

    public string? Method { get; set; }

    public List<LinkHeader>? Headers { get; set; }
}

internal sealed class CollectionLinks
{
    public Link? Next { get; set; }
}

internal sealed class ResourceCollection<T>
{
    public int TotalCount { get; set; }

    public List<T>? Items { get; set; }

    public CollectionLinks? Links { get; set; }

    public string? ContinuationToken { get; set; }
}

internal sealed class CustomerCompanyProfileDto
{
    public string? TenantId { get; set; }

    public string? Domain { get; set; }

    public string? CompanyName { get; set; }

    public string? OrganizationRegistrationNumber { get; set; }

    public ResourceAttributes? Attributes { get; set; }
}

internal sealed class AddressDto
{
    public string? Country { get; set; }

    public string? Region { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? AddressLine3 { get; set; }

    public string? PostalCode { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? PhoneNumber { get; set; }
}

internal sealed class BillingProfileDto
{
    public string? Id { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? Culture { get; set; }

    public string? Language { get; set; }

    public string? CompanyName { get; set; }

    public AddressDto? DefaultAddress { get; set; }

    public ResourceAttributes? Attributes { get; set; }
}

internal sealed class CustomerDto
{
    public string? Id { get; set; }

    public CustomerCompanyProfileDto? CompanyProfile { get; set; }

    public BillingProfileDto? BillingProfile { get; set; }

    public string? RelationshipToPartner { get; set; }
}

internal sealed class SelfServeEntityDto
{
    public string? SelfServeEntityType { get; set; }

    [JsonPropertyName("tenantID")]
    public string? TenantId { get; set; }
}

internal sealed class GrantorDto
{
    public string? GrantorEntityType { get; set; }

    [JsonPropertyName("tenantID")]
    public string? TenantId { get; set; }
}

internal sealed class PolicyPermissionDto
{
    public string? Action { get; set; }

    public string? Resource { get; set; }
}

internal sealed class SelfServePolicyDto
{
    public string? Id { get; set; }

    public SelfServeEntityDto? SelfServeEntity { get; set; }

    public GrantorDto? Grantor { get; set; }

    public List<PolicyPermissionDto>? Permissions { get; set; }

    public ResourceAttributes? Attributes { get; set; }
}

internal sealed class CountryValidationRulesDto
{
    public string? CountryIso2Code { get; set; }

    public List<string>? SupportedLanguagesList { get; set; }

    public List<string>? SupportedCulturesList { get; set; }

    public string? DefaultCulture { get; set; }

    public bool IsStateRequired { get; set; }

    public List<string>? SupportedStatesList { get; set; }

    public bool IsCityRequired { get; set; }

    public bool IsPostalCodeRequired { get; set; }

    public string? PostalCodeRegex { get; set; }

    public bool IsPhoneNumberRequired { get; set; }

    public string? PhoneNumberRegex { get; set; }
}

internal sealed class AddressValidationResponseDto
{
    public AddressDto? OriginalAddress { get; set; }

    public List<AddressDto>? SuggestedAddresses { get; set; }

    public string? Status { get; set; }

    public string? ValidationMessage { get; set; }
}

internal sealed class AuditRecordDto
{
    public string? Id { get; set; }

    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? UserPrincipalName { get; set; }

    public string? ResourceType { get; set; }

    public string? ResourceNewValue { get; set; }

    public string? OperationType { get; set; }

    public string? OperationStatus { get; set; }

    public DateTimeOffset OperationDate { get; set; }

    public string? ApplicationId { get; set; }
}

/// <summary>The documented error body <c>{code, description, data[], source}</c>; code is a number or a string.</summary>
internal sealed class ApiErrorDto
{
    public JsonElement Code { get; set; }

    public string? Description { get; set; }

    public List<JsonElement>? Data { get; set; }

    public string? Source { get; set; }
}
