using PartnerBot.Domain.Staff;

namespace PartnerBot.Cards;

/// <summary>
/// What the person a card is for may change, so the card offers only the buttons their role can use and names who
/// may do the rest. Shown from a role lookup that may be a few minutes old; every change is checked again at submit.
/// </summary>
public sealed record StaffPermissions(
    bool MayUpdateBilling, bool MayChangePurchasePermission, IReadOnlyList<PartnerRole> BillingRoles, IReadOnlyList<PartnerRole> PurchaseRoles);
