using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Search;

/// <summary>What the search index knows of a customer: the names people type.</summary>
public sealed record CustomerSearchEntry(string CustomerId, string CompanyName, string Domain);

/// <summary>
/// An in-memory index over customer names and domains, forgiving typos, accents and legal-form noise.
/// Directories keep it current (a renamed bill-to company is re-indexed at once); it is safe for
/// concurrent readers and writers.
/// </summary>
public interface ICustomerSearchIndex
{
    int Count { get; }

    void Upsert(CustomerSearchEntry entry);

    /// <summary>
    /// Adds or replaces many customers at once, later duplicates of an id winning: the load of the whole list. An
    /// index may do this much more cheaply than one <see cref="Upsert"/> per customer.
    /// </summary>
    void UpsertMany(IReadOnlyCollection<CustomerSearchEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            Upsert(entry);
        }
    }

    void Remove(string customerId);

    /// <summary>Best matches first, at most <paramref name="top"/>.</summary>
    IReadOnlyList<CustomerMatch> Search(string query, int top);

    /// <summary>
    /// As <see cref="Search"/>, for a caller that can wait without holding its thread: an index that runs only so many
    /// searches at once makes the others wait asynchronously.
    /// </summary>
    ValueTask<IReadOnlyList<CustomerMatch>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Search(query, top));
}
