using Microsoft.Bot.Builder;

namespace PartnerBot.Hosting;

/// <summary>
/// Reads and saves a BotState's property bag by its stored document (<see cref="DialogBotStateFormat"/>) instead of
/// the SDK's way: BotState serializes the whole live state with Newtonsoft to hash it when it is loaded, again at the
/// save to compare, and once more after the write (issue 13: 6% of a turn's CPU), beside the document the storage
/// writes. Here the document is made once at the save, compared with the one the bag was read from or last written
/// as, and handed to the storage as it is. A saved bag is kept (<see cref="DialogBotStateFormat.KeepSaved"/>) so that
/// the key's next read here takes it back while the store still holds what was saved, instead of parsing it again.
/// </summary>
public sealed class StateDocuments(IStorage storage, DialogBotStateFormat format)
{
    // The bag entry the storages keep in their etag column: the version a bag was read at, empty when it was absent.
    private const string ETagEntry = "ETag";

    /// <summary>
    /// The bag stored under <paramref name="key"/>, or a new empty one that states "absent when read" (an empty etag):
    /// when two turns start the same key at once, the second save fails instead of overwriting the first.
    /// </summary>
    public async Task<IDictionary<string, object>> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        IDictionary<string, object> bag;
        if (items.TryGetValue(key, out var stored) && stored is not null)
        {
            bag = stored as IDictionary<string, object>
                ?? throw new InvalidOperationException($"Bot state is a property bag; the storage gave {stored.GetType().Name}.");
        }
        else
        {
            // Nothing stored: a turn that leaves the new bag empty writes nothing, as BotState would not.
            bag = new Dictionary<string, object>();
            format.Remember(bag, format.Document(bag));
        }

        if (!bag.ContainsKey(ETagEntry))
        {
            bag[ETagEntry] = string.Empty;
        }

        return bag;
    }

    /// <summary>Writes <paramref name="bag"/> under <paramref name="key"/> unless its document is the one it was read from or last written as.</summary>
    public async Task SaveAsync(string key, IDictionary<string, object> bag, bool force, CancellationToken cancellationToken)
    {
        var document = format.Document(bag);
        if (!force && string.Equals(format.StoredAs(bag), document, StringComparison.Ordinal))
        {
            format.KeepSaved(key, bag, document);
            return;
        }

        var changes = new Dictionary<string, object> { [key] = new DialogBotStateFormat.PreparedDocument(bag, document) };
        await storage.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
        format.Remember(bag, document);

        // Written: the next read here takes this bag back rather than parsing the document (a failed write keeps nothing).
        format.KeepSaved(key, bag, document);
    }
}
