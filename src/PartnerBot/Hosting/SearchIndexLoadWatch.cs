namespace PartnerBot.Hosting;

/// <summary>
/// The customer search index's load behind the server, as both stores start it: logged when it ends, with the load's
/// garbage given back first, and waited for when the host stops, since the load may still be writing its snapshot and
/// must not be left writing while the process exits or the data folder is removed.
/// </summary>
internal sealed class SearchIndexLoadWatch(ILogger logger, string whenFailed)
{
    private Task? _watched;

    /// <summary>Starts watching <paramref name="loaded"/> (the customers indexed); <paramref name="note"/> says how it loaded once it has.</summary>
    public void Watch(Task<int> loaded, Func<string?> note) => _watched = LogWhenLoadedAsync(loaded, note);

    /// <summary>Waits for the load, at most as long as the host gives its stop.</summary>
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
            // The load was cancelled with start-up, or the host's stop time ran out: nothing more to wait for.
        }
    }

    private async Task LogWhenLoadedAsync(Task<int> loaded, Func<string?> note)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
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
