using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>
/// A small format of the contract's own (BotState's property bag of text and whole numbers as a versioned JSON
/// object): each store must work with any <see cref="IBotStateFormat"/>, as it does with the bot's.
/// </summary>
internal sealed class PropertyBagFormat : IBotStateFormat
{
    public string Write(object state)
    {
        var bag = (IDictionary<string, object>)state;
        var properties = new JsonObject();
        foreach (var (name, value) in bag)
        {
            properties[name] = value switch
            {
                string text => JsonValue.Create(text),
                long number => JsonValue.Create(number),
                int number => JsonValue.Create((long)number),
                _ => throw new InvalidOperationException($"{value?.GetType().Name ?? "null"} is not in this test format."),
            };
        }

        return new JsonObject { ["v"] = 1, ["properties"] = properties }.ToJsonString();
    }

    public bool TryRead(string document, out object? state, out string problem)
    {
        state = null;
        try
        {
            if (JsonNode.Parse(document) is not JsonObject json || json["v"]?.GetValue<int>() != 1 || json["properties"] is not JsonObject properties)
            {
                problem = "not a property bag document";
                return false;
            }

            var bag = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, value) in properties)
            {
                var element = value!.GetValue<JsonElement>();
                bag[name] = element.ValueKind == JsonValueKind.Number ? element.GetInt64() : element.GetString()!;
            }

            state = bag;
            problem = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            problem = "not JSON";
            return false;
        }
    }

    public object Unreadable(string problem, string reference) =>
        new Dictionary<string, object>(StringComparer.Ordinal) { ["unreadable"] = reference };
}
