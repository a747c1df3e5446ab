using Microsoft.Bot.Builder;
using PartnerBot.Dialogs;

namespace PartnerBot.Hosting;

/// <summary>
/// <see cref="DialogConversationState"/> read and saved by its stored document (<see cref="StateDocuments"/>), not by
/// the SDK's Newtonsoft hash: a turn that changes nothing writes nothing, and the conversation's next turn on this
/// instance takes back the state it saved. Etags, conflicts and "absent when read" are BotState's.
/// </summary>
public sealed class DocumentConversationState(IStorage storage, DialogBotStateFormat format) : DialogConversationState(storage)
{
    private readonly StateDocuments _documents = new(storage, format);

    public override async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && GetCachedState(turnContext)?.State is not null)
        {
            return;
        }

        var bag = await _documents.ReadAsync(GetStorageKey(turnContext), cancellationToken).ConfigureAwait(false);

        // BotState's cache of the bag, without the Newtonsoft hash its constructor would take (LoadedStateCache).
        turnContext.TurnState[ContextServiceKey] = LoadedStateCache.Over(bag);
    }

    public override async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (GetCachedState(turnContext)?.State is { } bag)
        {
            await _documents.SaveAsync(GetStorageKey(turnContext), bag, force, cancellationToken).ConfigureAwait(false);
        }
    }
}
