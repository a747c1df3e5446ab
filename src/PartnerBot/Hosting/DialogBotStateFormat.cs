using System.Runtime.CompilerServices;
using Microsoft.Bot.Builder;
using PartnerBot.Data.BotState;
using PartnerBot.Dialogs;

namespace PartnerBot.Hosting;

/// <summary>
/// The stored shape of PartnerBot's bot state: BotState's property bag as a <see cref="DialogStateDocument"/>
/// with the conversations' records. Here, between the two, because the storage knows no dialogs and the
/// dialog engine knows no storage.
/// </summary>
public sealed class DialogBotStateFormat(DialogStateDocument stateDocument) : IBotStateFormat
{
    /// <summary>The BotState property that holds the dialog stack.</summary>
    public const string DialogStateProperty = nameof(DialogState);

    // The bag entry the storages keep in their etag column, not in the document.
    private const string ETagEntry = "ETag";

    // The document each bag was read from or last written as, while the bag lives (one turn).
    private readonly ConditionalWeakTable<object, string> _storedAs = [];

    // The conversations this instance saved last, taken back instead of parsing their documents.
    private readonly SavedStateKeep _saved = new();

    public string Write(object state) => state switch
    {
        PreparedDocument prepared => prepared.Document,
        IDictionary<string, object> bag => Document(bag),
        _ => throw new InvalidOperationException($"Bot state is a property bag; {state?.GetType().Name ?? "null"} cannot be stored."),
    };

    /// <summary>The document <paramref name="bag"/> is stored as, without its etag entry.</summary>
    public string Document(IDictionary<string, object> bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        return stateDocument.Write(bag.Where(entry => entry.Key != ETagEntry)!);
    }

    /// <summary>The document <paramref name="bag"/> was read from or last written as; null for a bag this format has not seen.</summary>
    public string? StoredAs(IDictionary<string, object> bag) => _storedAs.TryGetValue(bag, out var document) ? document : null;

    /// <summary>Notes that <paramref name="bag"/> is stored as <paramref name="document"/>.</summary>
    public void Remember(IDictionary<string, object> bag, string document) => _storedAs.AddOrUpdate(bag, document);

    /// <summary>
    /// The bag this instance saved under <paramref name="key"/> when the store still holds exactly what it saved
    /// (<see cref="KeepSaved"/>); otherwise the document parsed.
    /// </summary>
    public bool TryRead(string key, string etag, string document, out object? state, out string problem)
    {
        if (_saved.TryTake(key, etag, document, out var saved))
        {
            state = saved;
            problem = string.Empty;
            return true;
        }

        return TryRead(document, out state, out problem);
    }

    /// <summary>
    /// Keeps <paramref name="bag"/>, stored under <paramref name="key"/> as <paramref name="document"/> at the etag it
    /// carries, for the conversation's next read on this instance. Only after the save (or for a bag read and left
    /// unchanged): its etag entry then names the version the store holds. The turn must not change the bag afterwards.
    /// </summary>
    public void KeepSaved(string key, IDictionary<string, object> bag, string document)
    {
        ArgumentNullException.ThrowIfNull(bag);
        if (bag.TryGetValue(ETagEntry, out var stated) && stated is string { Length: > 0 } etag)
        {
            _saved.Put(key, etag, document, bag);
        }
    }

    /// <summary>How many saved conversations are kept for their next read (for tests).</summary>
    public int KeptCount => _saved.Count;

    public bool TryRead(string document, out object? state, out string problem)
    {
        try
        {
            state = stateDocument.Read(document);
            _storedAs.AddOrUpdate(state, document);
            problem = string.Empty;
            return true;
        }
        catch (DialogStateException ex) when (ex.StateUnreadable)
        {
            state = null;
            problem = ex.Message;
            return false;
        }
    }

    public object Unreadable(string problem, string reference) =>
        new Dictionary<string, object> { [DialogStateProperty] = DialogState.FromUnreadable(problem, reference) };

    /// <summary>
    /// A bag with the document made from it at the save, written by the storage as it is. An <see cref="IStoreItem"/>,
    /// whose etag is the bag's: the storage checks it and sets the new one as it does a bag's own; a bag with no etag
    /// entry states none ("*"), as a bag without one does.
    /// </summary>
    public sealed class PreparedDocument(IDictionary<string, object> bag, string document) : IStoreItem
    {
        public string Document { get; } = document;

        public string ETag
        {
            get => bag.TryGetValue(ETagEntry, out var stated) ? (stated as string)! : "*";
            set => bag[ETagEntry] = value;
        }
    }
}
