using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Customers;

/// <summary>
/// What both stores do alike with a search index that loads behind the server: a search waits for the load a moment,
/// and the snapshot is written after the load, whole or not at all.
/// </summary>
internal static class SearchIndexLoading
{
    /// <summary>
    /// How long a search waits for an index still loading before it answers "still loading, try again in a
    /// moment" (<see cref="CustomerListLoadingException"/>): long enough to ride out the end of a load, short
    /// enough that the user hears why at once, well within the compose box's 5 s.
    /// </summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Waits for <paramref name="loading"/> while it runs, at most <see cref="Wait"/>. A load that failed was logged at
    /// start-up, so the search goes on with what the index holds rather than fail the user's turn with the load's error.
    /// </summary>
    /// <exception cref="CustomerListLoadingException">The load is still running after the wait.</exception>
    public static async Task WaitAsync(Task<int>? loading, ICustomerSearchIndex index, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (loading is not { IsCompleted: false })
        {
            return;
        }

        try
        {
            await loading.WaitAsync(Wait, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException timeout)
        {
            throw new CustomerListLoadingException(
                $"The search index had {index.Count:N0} customers after waiting {Wait.TotalSeconds:0.#} s.", timeout);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Logged where the load was started (the host's start-up); the index answers from what it holds.
        }
    }

    /// <summary>
    /// Writes a load's snapshot with <paramref name="writer"/>: now, or (<paramref name="behind"/>) on the thread pool once
    /// the caller has returned, so that the searches waiting for a load behind the server do not also wait for the file
    /// (27 MB and a flush to disk at 100,000 customers). <paramref name="note"/> is given <paramref name="loaded"/> (how
    /// the load went) followed by how the write went, "being written" until then. Returns the write behind, which the
    /// host's stop waits for, or null when written now.
    /// </summary>
    /// <remarks>
    /// The stamp is the one taken with the names loaded; written behind, the index may by then also hold names written
    /// since (the index's writers wait only while the file is written). A store compares the stamp with its database at
    /// the next start, so such a snapshot is read with the rows written since, or not at all: harmless either way.
    /// </remarks>
    public static Task? WriteSnapshot(
        Func<CustomerSearchIndex, string, string, string?> writer,
        CustomerSearchIndex index,
        string path,
        string stamp,
        bool behind,
        string? loaded,
        Action<string> note)
    {
        if (!behind)
        {
            note(loaded + Written(writer(index, path, stamp)));
            return null;
        }

        note(loaded + "; snapshot being written");
        return Task.Run(() => note(loaded + Written(writer(index, path, stamp))));

        static string Written(string? notWritten) => notWritten is null ? "; snapshot written" : $"; snapshot not written: {notWritten}";
    }

    /// <summary>
    /// Writes <paramref name="index"/>'s snapshot to <paramref name="path"/> whole or not at all: into a temporary file
    /// of its own (another instance sharing the folder may be writing at the same moment), flushed to disk, then renamed
    /// over the old one, so a reader sees one whole snapshot or the other. Null when written, else why not.
    /// </summary>
    public static string? WriteSnapshot(CustomerSearchIndex index, string path, string stamp)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                index.WriteSnapshot(file, stamp);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The folder refuses writes; the temporary file was never made.
            }

            return exception.Message;
        }
    }
}
