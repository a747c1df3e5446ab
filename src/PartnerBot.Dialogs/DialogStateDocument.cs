using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Bot state as versioned JSON that names no CLR type (System.Text.Json), the same for every store:
/// <c>{"v":2,"properties":{"DialogState":{"$stack":[{"id":"…","version":"…","state":{…}}]}}}</c>, the version
/// left out when it is the id.
/// A value in it is a JSON primitive or an object with one tag: <c>$stack</c> (a dialog stack), <c>$map</c> (a
/// string-keyed dictionary), <c>$record</c> + <c>data</c> (a type from <see cref="DialogStateRecords"/>, by its
/// stable name), <c>$same</c> (a record already written in this document: one object kept in several places,
/// e.g. a dialog's options, its values and its prompt's validations, is stored once and read back as one),
/// <c>$prompt</c> (prompt options), <c>$message</c> (what a prompt sends: a text, what a card is built from, or
/// an activity in its wire format under <c>$activity</c>) or <c>$json</c> (JSON a card submitted). Anything
/// else cannot be written; a document that is not exactly this cannot be read
/// (<see cref="DialogStateException.StateUnreadable"/>), and the runner resets politely. Version 1 documents
/// are read too, except their prompts, which kept whole cards: those conversations start over.
/// </summary>
public sealed class DialogStateDocument
{
    /// <summary>The version of the document's shape; a document of another version is unreadable, not guessed at.</summary>
    public const int SchemaVersion = 2;

    /// <summary>The version before prompts kept what their cards are built from instead of the cards.</summary>
    private const int CardsStoredVersion = 1;

    private const string VersionProperty = "v";
    private const string PropertiesProperty = "properties";
    private const string StackTag = "$stack";
    private const string MapTag = "$map";
    private const string RecordTag = "$record";
    private const string RecordData = "data";
    private const string RecordRef = "ref";
    private const string SameTag = "$same";
    private const string MessageTag = "$message";
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
        var written = new Dictionary<object, JsonObject>(ReferenceEqualityComparer.Instance);
        foreach (var (name, value) in properties)
        {
            bag[name] = WriteValue(value, name, written);
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

        if (envelope[VersionProperty] is not JsonValue version || !version.TryGetValue<int>(out var v)
            || v is not (SchemaVersion or CardsStoredVersion))
        {
            throw Unreadable($"The stored state has an unknown schema version (this build reads {CardsStoredVersion} and {SchemaVersion}).");
        }

        var reader = new Reading(v);
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, node) in bag)
        {
            if (ReadValue(node, reader) is { } value)
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

    private JsonNode? WriteValue(object? value, string where, Dictionary<object, JsonObject> written)
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
                return Tagged(StackTag, WriteStack(stack, written));
            case IDictionary<string, object?> map:
                return Tagged(MapTag, WriteMap(map, where, written));
            case JToken json:
                return Tagged(JsonTag, JsonNode.Parse(json.ToString(Newtonsoft.Json.Formatting.None), NodeOptions, ParseOptions));
            case PromptOptions prompt:
                return Tagged(PromptTag, WritePrompt(prompt, where, written));
            case PromptMessage message:
                return Tagged(MessageTag, WriteMessage(message, where, written));
            default:
                return WriteRecord(value, where, written);
        }
    }

    private JsonObject WriteRecord(object value, string where, Dictionary<object, JsonObject> written)
    {
        if (!_records.TryGetName(value.GetType(), out var name))
        {
            throw new InvalidOperationException(
                $"{value.GetType().Name} in '{where}' cannot be kept in dialog state: register it in DialogStateRecords under a stable name.");
        }

        if (written.TryGetValue(value, out var first))
        {
            // The same object again: the first copy gets a number, and this place refers to it.
            if (first[RecordRef] is not JsonValue number)
            {
                number = JsonValue.Create(written.Values.Count(r => r.ContainsKey(RecordRef)), NodeOptions);
                first[RecordRef] = number;
            }

            return Tagged(SameTag, number.DeepClone());
        }

        var record = new JsonObject(NodeOptions)
        {
            [RecordTag] = name,
            [RecordData] = JsonSerializer.SerializeToNode(value, value.GetType(), RecordOptions),
        };
        written.Add(value, record);
        return record;
    }

    private JsonArray WriteStack(DialogState state, Dictionary<object, JsonObject> written)
    {
        var stack = new JsonArray(NodeOptions);
        foreach (var instance in state.DialogStack)
        {
            var entry = new JsonObject(NodeOptions) { ["id"] = instance.Id };

            // Most dialogs' version is their id: left out then, it is read back as the id (every stack, at every turn).
            if (!string.Equals(instance.Version, instance.Id, StringComparison.Ordinal))
            {
                entry["version"] = instance.Version;
            }

            entry["state"] = WriteMap(instance.State, instance.Id, written);
            stack.Add(entry);
        }

        return stack;
    }

    private JsonObject WriteMap(IDictionary<string, object?> map, string where, Dictionary<object, JsonObject> written)
    {
        var json = new JsonObject(NodeOptions);
        foreach (var (key, value) in map)
        {
            json[key] = WriteValue(value, $"{where}.{key}", written);
        }

        return json;
    }

    private JsonObject WritePrompt(PromptOptions prompt, string where, Dictionary<object, JsonObject> written)
    {
        // Written in the order ReadPrompt reads, so that a record kept twice is numbered before it is referred to.
        var json = new JsonObject(NodeOptions);
        if (prompt.Prompt is not null)
        {
            json["prompt"] = WriteMessage(prompt.Prompt, $"{where}.prompt", written);
        }

        if (prompt.RetryPrompt is not null)
        {
            json["retryPrompt"] = WriteMessage(prompt.RetryPrompt, $"{where}.retryPrompt", written);
        }

        if (prompt.Choices is { } choices)
        {
            json["choices"] = JsonSerializer.SerializeToNode(choices.ToList(), RecordOptions);
        }

        if (prompt.Validations is not null)
        {
            json["validations"] = WriteValue(prompt.Validations, $"{where}.validations", written);
        }

        if (prompt.MaxAttempts is int max)
        {
            json["maxAttempts"] = max;
        }

        return json;
    }

    /// <summary>A text as a JSON string, a card's source as its record, an activity under <c>$activity</c>.</summary>
    private JsonNode WriteMessage(PromptMessage message, string where, Dictionary<object, JsonObject> written)
    {
        if (message.CardSource is { } source)
        {
            return WriteRecord(source, where, written);
        }

        if (message.Activity is { } activity)
        {
            return Tagged(ActivityTag, WriteActivity(activity));
        }

        return JsonValue.Create(message.Text ?? string.Empty, NodeOptions);
    }

    private static JsonNode? WriteActivity(Activity activity) =>
        JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(activity, ActivitySettings), NodeOptions, ParseOptions);

    /// <summary>What one read has met so far: the document's version and the records numbered for <c>$same</c>.</summary>
    private sealed class Reading(int version)
    {
        public int Version { get; } = version;

        public Dictionary<int, object> Numbered { get; } = [];
    }

    private object? ReadValue(JsonNode? node, Reading reader)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue primitive:
                return ReadPrimitive(primitive);
            case JsonObject record when record.ContainsKey(RecordTag):
                return ReadRecord(record, reader);
            case JsonObject tagged when tagged.Count == 1:
                var (tag, content) = tagged.First();
                return tag switch
                {
                    StackTag => ReadStack(content, reader),
                    MapTag => ReadMap(content, reader),
                    JsonTag => content is null ? null : JToken.Parse(content.ToJsonString()),
                    PromptTag => ReadPrompt(content, reader),
                    MessageTag when reader.Version >= SchemaVersion => ReadMessage(content, reader),
                    SameTag when reader.Version >= SchemaVersion => ReadSame(content, reader),
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

    private DialogState ReadStack(JsonNode? content, Reading reader)
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

            string? version = instance.ContainsKey("version") ? null : dialogId;
            if (instance["version"] is JsonValue v && !v.TryGetValue(out version))
            {
                throw Unreadable("A stored dialog version is not text.");
            }

            state.DialogStack.Add(new DialogInstance { Id = dialogId, Version = version, State = ReadMap(instance["state"], reader) });
        }

        return state;
    }

    private Dictionary<string, object?> ReadMap(JsonNode? content, Reading reader)
    {
        if (content is not JsonObject map)
        {
            throw Unreadable("A stored dictionary is not an object.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, node) in map)
        {
            values[key] = ReadValue(node, reader);
        }

        return values;
    }

    private object ReadRecord(JsonObject tagged, Reading reader)
    {
        if (tagged[RecordTag] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
        {
            throw Unreadable("A stored record has no name.");
        }

        if (!_records.TryGetType(name, out var type))
        {
            throw Unreadable($"The stored state holds a record '{name}' this build does not know.");
        }

        object record;
        try
        {
            record = tagged[RecordData].Deserialize(type, RecordOptions)
                ?? throw Unreadable($"The stored record '{name}' is empty.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw Unreadable($"The stored record '{name}' does not fit {type.Name}.", ex);
        }

        if (tagged[RecordRef] is { } numbered)
        {
            if (numbered is not JsonValue value || !value.TryGetValue<int>(out var number) || !reader.Numbered.TryAdd(number, record))
            {
                throw Unreadable($"The stored record '{name}' has a number that is not one or is used twice.");
            }
        }

        return record;
    }

    private static object ReadSame(JsonNode? content, Reading reader) =>
        content is JsonValue value && value.TryGetValue<int>(out var number) && reader.Numbered.TryGetValue(number, out var record)
            ? record
            : throw Unreadable("The stored state refers to a record it does not hold.");

    private PromptMessage ReadMessage(JsonNode? content, Reading reader)
    {
        if (reader.Version < SchemaVersion)
        {
            // Before version 2 a prompt kept the whole card it sent; that shape is not read (the conversation starts over).
            throw Unreadable("The stored prompt keeps a whole card, as builds before prompt card sources did.");
        }

        switch (content)
        {
            case JsonValue text when text.TryGetValue<string>(out var said):
                return PromptMessage.FromText(said);
            case JsonObject record when record.ContainsKey(RecordTag):
                return PromptMessage.FromCard(ReadRecord(record, reader));
            case JsonObject same when same.Count == 1 && same.ContainsKey(SameTag):
                return PromptMessage.FromCard(ReadSame(same[SameTag], reader));
            case JsonObject activity when activity.Count == 1 && activity.ContainsKey(ActivityTag):
                return PromptMessage.FromActivity(ReadActivity(activity[ActivityTag])
                    ?? throw Unreadable("A stored activity is empty."));
            default:
                throw Unreadable("A stored prompt message is neither a text, a card source nor an activity.");
        }
    }

    private PromptOptions ReadPrompt(JsonNode? content, Reading reader)
    {
        if (content is not JsonObject json)
        {
            throw Unreadable("Stored prompt options are not an object.");
        }

        try
        {
            return new PromptOptions
            {
                Prompt = json["prompt"] is { } prompt ? ReadMessage(prompt, reader) : null,
                RetryPrompt = json["retryPrompt"] is { } retry ? ReadMessage(retry, reader) : null,
                Choices = json["choices"]?.Deserialize<List<Choice>>(RecordOptions),
                Validations = ReadValue(json["validations"], reader),
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
