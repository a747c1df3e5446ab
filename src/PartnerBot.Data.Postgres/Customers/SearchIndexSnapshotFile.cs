using System.Globalization;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Postgres.Customers;

/// <summary>
/// The search index kept in a file between starts, stamped with the database it was built from and the search
/// generation it holds every name of. Several instances may share the file (a shared folder): each writes it as
/// <see cref="SearchIndexLoading.WriteSnapshot"/> does, so a reader sees one whole snapshot or the other.
/// </summary>
internal static class SearchIndexSnapshotFile
{
    private const string GenerationWord = " generation ";

    public static string Stamp(string databaseId, long generation) =>
        databaseId + GenerationWord + generation.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the snapshot at <paramref name="path"/> into <paramref name="index"/> when it was written from
    /// <paramref name="databaseId"/> at a generation not above <paramref name="current"/>; returns that generation,
    /// or null and why not (empty when there is no file).
    /// </summary>
    public static (long? Generation, string Ignored) TryRead(
        CustomerSearchIndex index, string path, string databaseId, long current, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, string.Empty);
        }

        try
        {
            // Read from the file in pieces, not whole into one array: see CustomerSearchIndex.WriteSnapshot.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 64 * 1024, FileOptions.SequentialScan);
            var written = CustomerSearchIndex.SnapshotStamp(file);
            if (written is null)
            {
                return (null, "not a snapshot of this version");
            }

            var at = written.LastIndexOf(GenerationWord, StringComparison.Ordinal);
            if (at <= 0 || !long.TryParse(written.AsSpan(at + GenerationWord.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            {
                return (null, $"written at '{written}', not a PostgreSQL stamp");
            }

            if (!string.Equals(written[..at], databaseId, StringComparison.Ordinal))
            {
                return (null, $"written from another database ({written[..at]}, this one is {databaseId})");
            }

            // Names taken below a snapshot's generation are not the names it holds: the database went back (a restore).
            if (generation > current)
            {
                return (null, $"written at generation {generation}, the database is at {current}");
            }

            cancellationToken.ThrowIfCancellationRequested();
            index.ReadSnapshot(file);
            return (generation, string.Empty);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (null, exception.Message);
        }
    }
}
