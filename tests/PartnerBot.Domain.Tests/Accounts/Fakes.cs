using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Domain.Tests.Accounts;

internal static class Samples
{
    public static readonly CountryValidationRules Poland = new(
        "PL", IsCityRequired: true, IsStateRequired: false, IsPostalCodeRequired: true, IsPhoneNumberRequired: true,
        @"\d{2}-\d{3}", null, [], ["pl-PL", "en-US"], ["pl", "en"], "pl-PL");

    public static readonly CountryValidationRules UnitedStates = new(
        "US", IsCityRequired: true, IsStateRequired: true, IsPostalCodeRequired: true, IsPhoneNumberRequired: false,
        @"\d{5}(-\d{4})?", null, ["WA", "NY", "CA"], ["en-US"], ["en"], "en-US");

    public static readonly BillingProfile PolishProfile = new(
        "Zakłady Mięsne Kraśnik Sp. z o.o.", "Łucja", "Żółkiewska", "faktury@zakladymiesne.pl", "pl-PL", "pl",
        new Address("ul. Lubelska 12", null, null, "Kraśnik", null, "23-200", "PL", "+48 81 825 12 34"),
        "etag-1");

    public static readonly PartnerUser Alex = new("alex", "tenant", "Alex Wilber");
}

internal sealed class FakeCountryRules(params CountryValidationRules[] rules) : ICountryRulesSource
{
    public Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken) =>
        Task.FromResult(rules.FirstOrDefault(r => r.CountryCode == countryCode));
}

internal sealed class FakeRoles : IRoleDirectory
{
    public Dictionary<string, PartnerRole[]> Roles { get; } = [];

    public Dictionary<string, string> Names { get; } = [];

    /// <summary>How fresh each lookup by the channel's person asked the answer to be, in order.</summary>
    public List<RoleFreshness> Asked { get; } = [];

    public Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(Roles.TryGetValue(aadObjectId, out var roles)
            ? new StaffMember(aadObjectId, Names.GetValueOrDefault(aadObjectId, aadObjectId), null, roles)
            : null);

    public Task<StaffMember?> FindAsync(PartnerUser user, RoleFreshness freshness, CancellationToken cancellationToken)
    {
        Asked.Add(freshness);
        return FindAsync(user.AadObjectId, cancellationToken);
    }
}

internal sealed class FakeAudit : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        // As the real stores: recording the same id again leaves one entry.
        if (Entries.Any(e => e.Id == entry.Id))
        {
            return Task.CompletedTask;
        }

        Entries.Add(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(AuthorizedRead read, string customerId, int skip, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.Where(e => e.CustomerId == customerId).Reverse().Skip(skip).Take(take).ToList());
}

/// <summary>One customer in memory with etag checks and idempotent operation ids, like the real stores.</summary>
internal sealed class FakeAccounts(CustomerAccount account) : ICustomerDirectory, ICustomerAccountWriter
{
    private readonly HashSet<string> _applied = [];

    public CustomerAccount Account { get; set; } = account;

    public Exception? FailWith { get; set; }

    public int Writes { get; private set; }

    /// <summary>Where an applied write records its entry, as the real stores do in the write's own transaction.</summary>
    public FakeAudit? Audit { get; set; }

    public Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CustomerMatch>>([]);

    public Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerAccount?>(customerId == Account.CustomerId ? Account : null);

    public Task<BillingProfileWriteResult> ReplaceBillingProfileAsync(
        AuthorizedAction authorization, string customerId, BillingProfile profile, string ifMatchEtag, string operationId, AuditEntry applied, CancellationToken cancellationToken)
    {
        authorization.EnsureFor(PartnerAction.UpdateBillingProfile);
        if (FailWith is not null)
        {
            throw FailWith;
        }

        if (!_applied.Add(operationId))
        {
            return Task.FromResult(new BillingProfileWriteResult(WriteStatus.AlreadyApplied, Account.Billing));
        }

        if (Account.Billing.Etag != ifMatchEtag)
        {
            _applied.Remove(operationId);
            return Task.FromResult(new BillingProfileWriteResult(WriteStatus.Conflict, Account.Billing));
        }

        Writes++;
        Account = Account with { Billing = profile with { Etag = "etag-" + (Writes + 1) } };
        Audit?.Entries.Add(applied);
        return Task.FromResult(new BillingProfileWriteResult(WriteStatus.Applied, Account.Billing));
    }

    public Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization, string customerId, bool allow, string operationId, AuditEntry applied, CancellationToken cancellationToken)
    {
        authorization.EnsureFor(PartnerAction.ChangePurchasePermission);
        if (FailWith is not null)
        {
            throw FailWith;
        }

        Writes++;
        Account = Account with { PurchasePermission = new PurchasePermission(allow, allow ? "policy" : null) };
        Audit?.Entries.Add(applied);
        return Task.FromResult(new PurchasePermissionWriteResult(WriteStatus.Applied, Account.PurchasePermission));
    }
}
