using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Validation;

/// <summary>Partner Center's verdict on an address (POST /v1/validations/address).</summary>
public enum AddressValidationStatus
{
    Verified,
    VerifiedShippable,
    InteractionRequired,
    StreetPartial,
    PremisesPartial,
    Multiple,
    None,
    NotValidated,
}

/// <summary>The verdict and up to three addresses the service suggests instead.</summary>
public sealed record AddressValidation(AddressValidationStatus Status, IReadOnlyList<Address> Suggestions)
{
    /// <summary>Verified addresses need no question; anything else is offered with its suggestions, and the user may keep their own.</summary>
    public bool NeedsConfirmation => Status is not (AddressValidationStatus.Verified or AddressValidationStatus.VerifiedShippable);
}

/// <summary>Checks an address with the system of record. The embedded store has no such service.</summary>
public interface IAddressValidator
{
    Task<AddressValidation> ValidateAsync(Address address, CancellationToken cancellationToken);
}
