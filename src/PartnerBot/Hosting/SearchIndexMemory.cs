using System.Runtime;

namespace PartnerBot.Hosting;

/// <summary>What the process does once the customer search index has loaded.</summary>
internal static class SearchIndexMemory
{
    /// <summary>
    /// One full, compacting collection, large objects included. Loading 100,000 customers leaves tens of MB of
    /// short-lived strings and outgrown arrays in the oldest generation and the large-object heap, where a bot at
    /// rest keeps them committed until a full collection that may not come for hours; the live index is then
    /// packed together and the rest given back to the OS. Once per load, at start, before most turns.
    /// </summary>
    public static void ReturnLoadGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
