using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs.Tests;

/// <summary>
/// A storage that keeps plain JSON without type names, the worst case for reading state back: every
/// object returns as a JObject, every whole number as a long.
/// </summary>
internal sealed class PlainJsonStorage : IStorage
{
    private readonly ConcurrentDictionary<string, string> _records = new();

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, object>();
        foreach (var key in keys)
        {
            if (_records.TryGetValue(key, out var json))
            {
                found[key] = JObject.Parse(json);
            }
        }

        return Task.FromResult<IDictionary<string, object>>(found);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        foreach (var (key, value) in changes)
        {
            _records[key] = JsonConvert.SerializeObject(value);
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            _records.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
