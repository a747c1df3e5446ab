using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Bot state as versioned JSON that names no CLR type (System.Text.Json), the same for every store:
/// <c>{"v":1,"properties":{"DialogState":{"$stack":[{"id":"…","version":"…","state":{…}}]}}}</c>.
/// A value in it is a JSON primitive or an object with one tag: <c>$stack</c> (a dialog stack), <c>$map</c> (a
/// string-keyed dictionary), <c>$record</c> + <c>data</c> (a type from <see cref="DialogStateRecords"/>, by its
/// stable name), <c>$prompt</c> (prompt options), <c>$activity</c> (a Bot Framework activity in its wire format)
/// or <c>$json</c> (JSON a card submitted). Anything else cannot be written; a document that is not exactly
/// this cannot be read (<see cref="DialogStateException.StateUnreadable"/>), and the runner resets politely.
/// </summary>
public sealed class DialogStateDocument
{
    /// <summary>The version of the document's shape; a document of another version is unreadable, not guessed at.</summary>
    public const int SchemaVersion = 1;

    private const string VersionProperty = "v";
    private const string PropertiesProperty = "properties";
    private const string StackTag = "$stack";
    private const string MapTag = "$map";
    private const string RecordTag = "$record";
    private const string RecordData = "data";
    private const string PromptTag = "$prompt";
    private const string ActivityTag = "$activity";
    private const string JsonTag = "$json";

    // Records: camelCase, enums by name (reordering an enum must not change what a stored number means),
    // nulls left out (smaller documents; a missing property reads as its default anyway).
    private static readonly JsonSerializerOptions RecordOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    // Stored documents are read by people too, and Polish text escaped as \u0141 costs six bytes a letter.
    private static readonly JsonSerializerOptions DocumentOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 128 };

    // An activity is the Bot Framework's own wire format (Newtonsoft attributes), so it is written as the
    // channel would see it, never as a .NET object graph.
    private static readonly Newtonsoft.Json.JsonSerializerSettings ActivitySettings = new()
    {
        NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
        TypeNameHandling = Newtonsoft.Json.TypeNameHandling.None,
        DateParseHandling = Newtonsoft.Json.DateParseHandling.None,
        MaxDepth = 128,
    };

    private readonly DialogStateRecords _records;

    public DialogStateDocument(DialogStateRecords records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
    }

    /// <summary>The stored document for a state bag (BotState's property name → value).</summary>
    /// <exception cref="InvalidOperationException">A value is of a type that is not registered: a bug, found by the first test that saves it.</exception>
    public string Write(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var bag = new JsonObject(NodeOptions);
        foreach (var (name, value) in properties)
        {
            bag[name] = WriteValue(value, name);
        }

        var document = new JsonObject(NodeOptions) { [VersionProperty] = SchemaVersion, [PropertiesProperty] = bag };
        return document.ToJsonString(DocumentOptions);
    }

    /// <summary>The state bag a document holds, with every value in the type it was written from.</summary>
    /// <exception cref="DialogStateException">The document cannot be read (<see cref="DialogStateException.StateUnreadable"/>).</exception>
    public IDictionary<string, object> Read(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(document, NodeOptions, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw Unreadable("The stored state is not JSON.", ex);
        }

        if (root is not JsonObject envelope || envelope[PropertiesProperty] is not JsonObject bag)
        {
            throw Unreadable("The stored state is not a state document.");
        }

        if (envelope[VersionProperty] is not JsonValue version || !version.TryGetValue<int>(out var v) || v != SchemaVersion)
        {
            throw Unreadable($"The stored state has an unknown schema version (this build reads {SchemaVersion}).");
        }

        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, node) in bag)
        {
            if (ReadValue(node) is { } value)
            {
                properties[name] = value;
            }
        }

        return properties;
    }

    private static DialogStateException Unreadable(string problem, Exception? inner = null) =>
        inner is null
            ? new DialogStateException(problem) { StateUnreadable = true }
            : new DialogStateException(problem, inner) { StateUnreadable = true };

    private static JsonObject Tagged(string tag, JsonNode? content) => new(NodeOptions) { [tag] = content };

    private JsonNode? WriteValue(object? value, string where)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return JsonValue.Create(text, NodeOptions);
            case bool flag:
                return JsonValue.Create(flag, NodeOptions);
            case int small:
                return JsonValue.Create(small, NodeOptions);
            case long large:
                return JsonValue.Create(large, NodeOptions);
            case double number:
                return JsonValue.Create(number, NodeOptions);
            case DialogState stack:
                return Tagged(StackTag, WriteStack(stack));
            case IDictionary<string, object?> map:
                return Tagged(MapTag, WriteMap(map, where));
            case Activity activity:
                return Tagged(ActivityTag, WriteActivity(activity));
            case JToken json:
                return Tagged(JsonTag, JsonNode.Parse(json.ToString(Newtonsoft.Json.Formatting.None), NodeOptions, ParseOptions));
            case PromptOptions prompt:
                return Tagged(PromptTag, WritePrompt(prompt, where));
            default:
                if (!_records.TryGetName(value.GetType(), out var name))
                {
                    throw new InvalidOperationException(
                        $"{value.GetType().Name} in '{where}' cannot be kept in dialog state: register it in DialogStateRecords under a stable name.");
                }

                return new JsonObject(NodeOptions)
                {
                    [RecordTag] = name,
                    [RecordData] = JsonSerializer.SerializeToNode(value, value.GetType(), RecordOptions),
                };
        }
    }

    private JsonArray WriteStack(DialogState state)
    {
        var stack = new JsonArray(NodeOptions);
        foreach (var instance in state.DialogStack)
        {
            stack.Add(new JsonObject(NodeOptions)
            {
                ["id"] = instance.Id,
                ["version"] = instance.Version,
                ["state"] = WriteMap(instance.State, instance.Id),
            });
        }

        return stack;
    }

    private JsonObject WriteMap(IDictionary<string, object?> map, string where)
    {
        var json = new JsonObject(NodeOptions);
        foreach (var (key, value) in map)
        {
            json[key] = WriteValue(value, $"{where}.{key}");
        }

        return json;
    }

    private JsonObject WritePrompt(PromptOptions prompt, string where)
    {
        var json = new JsonObject(NodeOptions);
        if (prompt.Prompt is not null)
        {
            json["prompt"] = WriteActivity(prompt.Prompt);
        }

        if (prompt.RetryPrompt is not null)
        {
            json["retryPrompt"] = WriteActivity(prompt.RetryPrompt);
        }

        if (prompt.Choices is { } choices)
        {
            json["choices"] = JsonSerializer.SerializeToNode(choices.ToList(), RecordOptions);
        }

        if (prompt.Validations is not null)
        {
            json["validations"] = WriteValue(prompt.Validations, $"{where}.validations");
        }

        if (prompt.MaxAttempts is int max)
        {
            json["maxAttempts"] = max;
        }

        return json;
    }

    private static JsonNode? WriteActivity(Activity activity) =>
        JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(activity, ActivitySettings), NodeOptions, ParseOptions);

    private object? ReadValue(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue primitive:
                return ReadPrimitive(primitive);
            case JsonObject record when record.ContainsKey(RecordTag):
                return ReadRecord(record);
            case JsonObject tagged when tagged.Count == 1:
                var (tag, content) = tagged.First();
                return tag switch
                {
                    StackTag => ReadStack(content),
                    MapTag => ReadMap(content),
                    ActivityTag => ReadActivity(content),
                    JsonTag => content is null ? null : JToken.Parse(content.ToJsonString()),
                    PromptTag => ReadPrompt(content),
                    _ => throw Unreadable("The stored state holds a value of an unknown kind."),
                };
            default:
                throw Unreadable("The stored state holds a value of an unknown kind.");
        }
    }

    private static object ReadPrimitive(JsonValue primitive)
    {
        var element = primitive.GetValue<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when element.TryGetInt32(out var small) => small,
            JsonValueKind.Number when element.TryGetInt64(out var large) => large,
            JsonValueKind.Number => element.GetDouble(),
            _ => throw Unreadable("The stored state holds a value of an unknown kind."),
        };
    }

    private DialogState ReadStack(JsonNode? content)
    {
        if (content is not JsonArray stack)
        {
            throw Unreadable("A stored dialog stack is not a list.");
        }

        var state = new DialogState();
        foreach (var entry in stack)
        {
            if (entry is not JsonObject instance
                || instance["id"] is not JsonValue id || !id.TryGetValue<string>(out var dialogId) || dialogId.Length == 0)
            {
                throw Unreadable("A stored dialog stack entry has no dialog id.");
            }

            string? version = null;
            if (instance["version"] is JsonValue v && !v.TryGetValue(out version))
            {
                throw Unreadable("A stored dialog version is not text.");
            }

            state.DialogStack.Add(new DialogInstance { Id = dialogId, Version = version, State = ReadMap(instance["state"]) });
        }

        return state;
    }

    private Dictionary<string, object?> ReadMap(JsonNode? content)
    {
        if (content is not JsonObject map)
        {
            throw Unreadable("A stored dictionary is not an object.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, node) in map)
        {
            values[key] = ReadValue(node);
        }

        return values;
    }

    private object ReadRecord(JsonObject tagged)
    {
        if (tagged[RecordTag] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
        {
            throw Unreadable("A stored record has no name.");
        }

        if (!_records.TryGetType(name, out var type))
        {
            throw Unreadable($"The stored state holds a record '{name}' this build does not know.");
        }

        try
        {
            return tagged[RecordData].Deserialize(type, RecordOptions)
                ?? throw Unreadable($"The stored record '{name}' is empty.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw Unreadable($"The stored record '{name}' does not fit {type.Name}.", ex);
        }
    }

    private PromptOptions ReadPrompt(JsonNode? content)
    {
        if (content is not JsonObject json)
        {
            throw Unreadable("Stored prompt options are not an object.");
        }

        try
        {
            return new PromptOptions
            {
                Prompt = ReadActivity(json["prompt"]),
                RetryPrompt = ReadActivity(json["retryPrompt"]),
                Choices = json["choices"]?.Deserialize<List<Choice>>(RecordOptions),
                Validations = ReadValue(json["validations"]),
                MaxAttempts = json["maxAttempts"]?.GetValue<int>(),
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw Unreadable("Stored prompt options do not fit.", ex);
        }
    }

    private static Activity? ReadActivity(JsonNode? content)
    {
        if (content is null)
        {
            return null;
        }

        if (content is not JsonObject)
        {
            throw Unreadable("A stored activity is not an object.");
        }

        try
        {
            return Newtonsoft.Json.JsonConvert.DeserializeObject<Activity>(content.ToJsonString(), ActivitySettings)
                ?? throw Unreadable("A stored activity is empty.");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw Unreadable("A stored activity does not fit the Bot Framework schema.", ex);
        }
    }
}
