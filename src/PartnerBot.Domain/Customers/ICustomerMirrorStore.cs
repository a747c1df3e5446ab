using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Customers;

/// <summary>When the customer mirror was last filled from the system of record, and how many customers it holds.</summary>
public sealed record CustomerMirrorStatus(int Count, DateTimeOffset? LastSyncedAt);

/// <summary>
/// A local copy of the customer list (id, name, domain) for a system of record that can only search by
/// prefix (Partner Center): the search index is filled from it at start, so a restart serves at once, and it
/// is refreshed from the system of record in the background.
/// </summary>
public interface ICustomerMirrorStore
{
    Task<IReadOnlyList<CustomerSearchEntry>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the whole mirror with a full listing taken at <paramref name="syncedAt"/>.</summary>
    Task ReplaceAllAsync(IReadOnlyList<CustomerSearchEntry> customers, DateTimeOffset syncedAt, CancellationToken cancellationToken);

    /// <summary>Adds or renames customers found between full refreshes (a live prefix search found them).</summary>
    Task UpsertAsync(IReadOnlyList<CustomerSearchEntry> customers, CancellationToken cancellationToken);

    Task<CustomerMirrorStatus> GetStatusAsync(CancellationToken cancellationToken);
}
