using Microsoft.Bot.Builder;
using PartnerBot.Dialogs;

namespace PartnerBot.Hosting;

/// <summary>
/// <see cref="DialogConversationState"/> that tells a changed conversation from an unchanged one by its stored
/// document. The SDK's BotState serializes the whole live state with Newtonsoft to hash it when it is loaded, again
/// at the save to compare, and once more after the write (issue 13: 6% of a turn's CPU), beside the document the
/// storage writes. Here the document is made once at the save, compared with the one the state was read from or
/// last written as, and handed to the storage as it is. Etags, conflicts and "absent when read" are BotState's.
/// A saved bag is kept (<see cref="DialogBotStateFormat.KeepSaved"/>) so that the conversation's next turn here takes it
/// back while the store still holds what was saved, instead of parsing the document again.
/// </summary>
public sealed class DocumentConversationState : DialogConversationState
{
    private readonly IStorage _storage;
    private readonly DialogBotStateFormat _format;

    public DocumentConversationState(IStorage storage, DialogBotStateFormat format)
        : base(storage)
    {
        _storage = storage;
        _format = format;
    }

    public override async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && GetCachedState(turnContext)?.State is not null)
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        var items = await _storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        IDictionary<string, object> bag;
        if (items.TryGetValue(key, out var stored) && stored is not null)
        {
            bag = stored as IDictionary<string, object>
                ?? throw new InvalidOperationException($"Bot state is a property bag; the storage gave {stored.GetType().Name}.");
        }
        else
        {
            // Nothing stored: a turn that leaves the new conversation empty writes nothing, as BotState would not.
            bag = new Dictionary<string, object>();
            _format.Remember(bag, _format.Document(bag));
        }

        if (!bag.ContainsKey(ETagEntry))
        {
            bag[ETagEntry] = string.Empty;
        }

        // BotState's cache, made over an empty bag (its constructor hashes what it is given) and then given the real one.
        turnContext.TurnState[ContextServiceKey] = new CachedBotState(new Dictionary<string, object>()) { State = bag };
    }

    public override async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (GetCachedState(turnContext)?.State is not { } bag)
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        var document = _format.Document(bag);
        if (!force && string.Equals(_format.StoredAs(bag), document, StringComparison.Ordinal))
        {
            _format.KeepSaved(key, bag, document);
            return;
        }

        var changes = new Dictionary<string, object> { [key] = new DialogBotStateFormat.PreparedDocument(bag, document) };
        await _storage.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
        _format.Remember(bag, document);

        // Written: the next turn here takes this bag back rather than parsing the document (a failed write keeps nothing).
        _format.KeepSaved(key, bag, document);
    }
}
