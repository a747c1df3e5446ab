using System.Collections.Concurrent;
using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs.Tests;

/// <summary>
/// A storage that keeps exactly what a real store keeps: the <see cref="DialogStateDocument"/> text per key.
/// The records can be swapped between turns, as a new release swaps the code that reads them; a document the
/// records cannot read comes back as <see cref="DialogState.FromUnreadable"/>, as the real stores hand it over.
/// </summary>
internal sealed class DocumentStorage(DialogStateRecords records) : IStorage
{
    public ConcurrentDictionary<string, string> Documents { get; } = new();

    public DialogStateRecords Records { get; set; } = records;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, object>();
        foreach (var key in keys)
        {
            if (Documents.TryGetValue(key, out var json))
            {
                try
                {
                    found[key] = new DialogStateDocument(Records).Read(json);
                }
                catch (DialogStateException ex) when (ex.StateUnreadable)
                {
                    found[key] = new Dictionary<string, object> { [DialogHarness.StateProperty] = DialogState.FromUnreadable(ex.Message, "test") };
                }
            }
        }

        return Task.FromResult<IDictionary<string, object>>(found);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        foreach (var (key, value) in changes)
        {
            Documents[key] = new DialogStateDocument(Records).Write((IDictionary<string, object?>)value);
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            Documents.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
