using System.Globalization;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Postgres.Customers;

/// <summary>
/// The search index kept in a file between starts, stamped with the database it was built from and the search
/// generation it holds every name of. Several instances may share the file (a shared folder): each writes a
/// temporary file of its own and renames it over the old one, so a reader sees one whole snapshot or the other.
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

    /// <summary>Writes the snapshot whole or not at all; null when written, else why not.</summary>
    public static string? Write(CustomerSearchIndex index, string path, string stamp)
    {
        // A name of its own: another instance sharing the folder may be writing its snapshot at the same moment.
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
