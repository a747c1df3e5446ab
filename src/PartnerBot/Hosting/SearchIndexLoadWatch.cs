namespace PartnerBot.Hosting;

/// <summary>
/// The customer search index's load behind the server, as both stores start it: logged when it ends, with the load's
/// garbage given back first, then the snapshot the load writes after it; both waited for when the host stops, since a
/// snapshot must not be left half written while the process exits or the data folder is removed (a temporary file:
/// the snapshot itself is replaced whole or not at all).
/// </summary>
internal sealed class SearchIndexLoadWatch(ILogger logger, string whenFailed)
{
    private Task? _watched;

    /// <summary>
    /// Starts watching <paramref name="loaded"/> (the customers indexed), then the snapshot <paramref name="snapshotWriting"/>
    /// gives once it has (null: none is written); <paramref name="note"/> says how each went once it has.
    /// </summary>
    public void Watch(Task<int> loaded, Func<string?> note, Func<Task?> snapshotWriting) =>
        _watched = LogWhenWrittenAsync(loaded, note, snapshotWriting);

    /// <summary>Waits for the load and its snapshot, at most as long as the host gives its stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watched is not { } watched)
        {
            return;
        }

        try
        {
            await watched.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The load was cancelled with start-up, or the host's stop time ran out: nothing more to wait for (a
            // temporary file may be left; the snapshot is the previous one or none).
        }
    }

    private async Task LogWhenWrittenAsync(Task<int> loaded, Func<string?> note, Func<Task?> snapshotWriting)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await LogWhenLoadedAsync(loaded, note, clock);

        // The load's own outcome is logged above; the snapshot is written only after a load that succeeded.
        if (!loaded.IsCompletedSuccessfully || snapshotWriting() is not { } writing)
        {
            return;
        }

        try
        {
            await writing;
            if (logger.IsEnabled(LogLevel.Information))
            {
                // From the start of the load: what searches waited for before the snapshot was written behind it.
                logger.LogInformation(
                    "Customer search index snapshot after the load: {How}, {Milliseconds} ms after the load began", note(), clock.ElapsedMilliseconds);
            }
        }
        catch (Exception exception)
        {
            // The index serves as it is; the next start reads the rows again.
            logger.LogWarning(exception, "The customer search index snapshot was not written");
        }
    }

    private async Task LogWhenLoadedAsync(Task<int> loaded, Func<string?> note, System.Diagnostics.Stopwatch clock)
    {
        try
        {
            var indexed = await loaded;
            var milliseconds = clock.ElapsedMilliseconds;
            SearchIndexMemory.ReturnLoadGarbage();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "Customer search index loaded: {Indexed} customers in {Milliseconds} ms, {How}; managed heap after {HeapMegabytes} MB",
                    indexed,
                    milliseconds,
                    note(),
                    GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Loading the customer search index failed; {Consequence}", whenFailed);
        }
    }
}
