using Microsoft.Bot.Builder;

namespace PartnerBot.Hosting;

/// <summary>
/// BotState's per-turn cache of a bag read by its document (<see cref="StateDocuments"/>), made without the
/// Newtonsoft hash the SDK's constructor takes of what it is given (issue 13: at every state load, twice a turn).
/// Each cache is a copy of one made once over an empty bag, so it holds that same hash, as a cache made by the
/// constructor over an empty bag and then given the real one did; only its bag is the turn's. The hash is not used:
/// the states that use this cache compare documents at their save, not hashes.
/// </summary>
internal sealed class LoadedStateCache : BotState.CachedBotState
{
    private static readonly LoadedStateCache Template = new();

    private LoadedStateCache()
        : base(new Dictionary<string, object>())
    {
    }

    /// <summary>A cache holding <paramref name="bag"/>, for the turn's TurnState.</summary>
    public static BotState.CachedBotState Over(IDictionary<string, object> bag)
    {
        var cache = (LoadedStateCache)Template.MemberwiseClone();
        cache.State = bag;
        return cache;
    }
}
