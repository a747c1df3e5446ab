using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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

        // Stated (it is what the serializer would fill in) so that a record's metadata can be looked up once, up front.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    // Stored documents are read by people too, and Polish text escaped as \u0141 costs six bytes a letter.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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

    // The largest write buffer a thread keeps between saves; states are about 2 KB (issue 13's goal: 4 KB at most).
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? ThreadBuffer;

    private readonly DialogStateRecords _records;

    // Each registered record's serialization metadata, looked up once (issue 13: a record is written at every save):
    // generated at build time where the records say so (DialogStateRecords.SerializedWith), reflection otherwise.
    private readonly Dictionary<Type, JsonTypeInfo> _recordTypes = [];

    public DialogStateDocument(DialogStateRecords records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
        foreach (var type in records.Registered.Values)
        {
            _recordTypes[type] = records.Serialization is { } generated && generated.TryGetTypeInfo(type, out var info)
                ? info
                : RecordOptions.GetTypeInfo(type);
        }
    }

    /// <summary>How a record of <paramref name="type"/> is written and read.</summary>
    private JsonTypeInfo RecordType(Type type) =>
        _recordTypes.TryGetValue(type, out var info) ? info : RecordOptions.GetTypeInfo(type);

    /// <summary>The stored document for a state bag (BotState's property name → value).</summary>
    /// <exception cref="InvalidOperationException">A value is of a type that is not registered: a bug, found by the first test that saves it.</exception>
    public string Write(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var entries = properties as IReadOnlyCollection<KeyValuePair<string, object?>> ?? [.. properties];

        // Written straight to UTF-8 (no tree of nodes per value: issue 13, the document is made at every save). A record
        // kept in several places is written whole once, with the number its later places refer to, so the numbers are
        // known before the first copy is written.
        var repeated = new Repeats();
        foreach (var (_, value) in entries)
        {
            repeated.Visit(value);
        }

        // One buffer per thread, kept between saves: the write is synchronous, so no other save can use it meanwhile.
        var buffer = ThreadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var writing = new Writing(writer, repeated);
            writer.WriteStartObject();
            writer.WriteNumber(VersionProperty, SchemaVersion);
            writer.WriteStartObject(PropertiesProperty);
            foreach (var (name, value) in entries)
            {
                writer.WritePropertyName(name);
                WriteValue(value, new Where(null, name), writing);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var document = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > KeptBufferBytes)
        {
            // A rare large state (a long card submission) does not keep its buffer for the thread's life.
            ThreadBuffer = null;
        }

        return document;
    }

    /// <summary>The state bag a document holds, with every value in the type it was written from.</summary>
    /// <exception cref="DialogStateException">The document cannot be read (<see cref="DialogStateException.StateUnreadable"/>).</exception>
    public IDictionary<string, object> Read(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw Unreadable("The stored state is not JSON.", ex);
        }

        using (parsed)
        {
            var envelope = parsed.RootElement;
            if (envelope.ValueKind != JsonValueKind.Object
                || !envelope.TryGetProperty(PropertiesProperty, out var bag) || bag.ValueKind != JsonValueKind.Object)
            {
                throw Unreadable("The stored state is not a state document.");
            }

            if (!envelope.TryGetProperty(VersionProperty, out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v) || v is not (SchemaVersion or CardsStoredVersion))
            {
                throw Unreadable($"The stored state has an unknown schema version (this build reads {CardsStoredVersion} and {SchemaVersion}).");
            }

            var reader = new Reading(v);
            var properties = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var property in bag.EnumerateObject())
            {
                if (ReadValue(property.Value, reader) is { } value)
                {
                    properties[property.Name] = value;
                }
            }

            return properties;
        }
    }

    private static DialogStateException Unreadable(string problem, Exception? inner = null) =>
        inner is null
            ? new DialogStateException(problem) { StateUnreadable = true }
            : new DialogStateException(problem, inner) { StateUnreadable = true };

    private void WriteValue(object? value, Where where, Writing writing)
    {
        var writer = writing.Writer;
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int small:
                writer.WriteNumberValue(small);
                break;
            case long large:
                writer.WriteNumberValue(large);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case DialogState stack:
                writer.WriteStartObject();
                writer.WritePropertyName(StackTag);
                WriteStack(stack, writing);
                writer.WriteEndObject();
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                writer.WritePropertyName(MapTag);
                WriteMap(map, where, writing);
                writer.WriteEndObject();
                break;
            case JToken json:
                writer.WriteStartObject();
                writer.WritePropertyName(JsonTag);
                WriteJson(json.ToString(Newtonsoft.Json.Formatting.None), writer);
                writer.WriteEndObject();
                break;
            case PromptOptions prompt:
                writer.WriteStartObject();
                writer.WritePropertyName(PromptTag);
                WritePrompt(prompt, where, writing);
                writer.WriteEndObject();
                break;
            case PromptMessage message:
                writer.WriteStartObject();
                writer.WritePropertyName(MessageTag);
                WriteMessage(message, where, writing);
                writer.WriteEndObject();
                break;
            default:
                WriteRecord(value, where, writing);
                break;
        }
    }

    private void WriteRecord(object value, Where where, Writing writing)
    {
        if (!_records.TryGetName(value.GetType(), out var name))
        {
            throw new InvalidOperationException(
                $"{value.GetType().Name} in '{where}' cannot be kept in dialog state: register it in DialogStateRecords under a stable name.");
        }

        var writer = writing.Writer;
        var number = writing.Repeats.NumberOf(value);
        if (!writing.Written.Add(value))
        {
            // The same object again: this place refers to the first copy by its number.
            writer.WriteStartObject();
            writer.WriteNumber(SameTag, number!.Value);
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(RecordTag, name);
        writer.WritePropertyName(RecordData);
        JsonSerializer.Serialize(writer, value, RecordType(value.GetType()));
        if (number is { } first)
        {
            writer.WriteNumber(RecordRef, first);
        }

        writer.WriteEndObject();
    }

    private void WriteStack(DialogState state, Writing writing)
    {
        var writer = writing.Writer;
        writer.WriteStartArray();
        foreach (var instance in state.DialogStack)
        {
            writer.WriteStartObject();
            writer.WriteString("id", instance.Id);

            // Most dialogs' version is their id: left out then, it is read back as the id (every stack, at every turn).
            if (!string.Equals(instance.Version, instance.Id, StringComparison.Ordinal))
            {
                writer.WriteString("version", instance.Version);
            }

            writer.WritePropertyName("state");
            WriteMap(instance.State, new Where(null, instance.Id), writing);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteMap(IDictionary<string, object?> map, Where where, Writing writing)
    {
        var writer = writing.Writer;
        writer.WriteStartObject();
        foreach (var (key, value) in map)
        {
            writer.WritePropertyName(key);
            WriteValue(value, new Where(where, key), writing);
        }

        writer.WriteEndObject();
    }

    private void WritePrompt(PromptOptions prompt, Where where, Writing writing)
    {
        // Written in the order ReadPrompt reads, so that a record kept twice is numbered before it is referred to.
        var writer = writing.Writer;
        writer.WriteStartObject();
        if (prompt.Prompt is not null)
        {
            writer.WritePropertyName("prompt");
            WriteMessage(prompt.Prompt, new Where(where, "prompt"), writing);
        }

        if (prompt.RetryPrompt is not null)
        {
            writer.WritePropertyName("retryPrompt");
            WriteMessage(prompt.RetryPrompt, new Where(where, "retryPrompt"), writing);
        }

        if (prompt.Choices is { } choices)
        {
            writer.WritePropertyName("choices");
            JsonSerializer.Serialize(writer, choices.ToList(), RecordOptions);
        }

        if (prompt.Validations is not null)
        {
            writer.WritePropertyName("validations");
            WriteValue(prompt.Validations, new Where(where, "validations"), writing);
        }

        if (prompt.MaxAttempts is int max)
        {
            writer.WriteNumber("maxAttempts", max);
        }

        writer.WriteEndObject();
    }

    /// <summary>A text as a JSON string, a card's source as its record, an activity under <c>$activity</c>.</summary>
    private void WriteMessage(PromptMessage message, Where where, Writing writing)
    {
        var writer = writing.Writer;
        if (message.CardSource is { } source)
        {
            WriteRecord(source, where, writing);
        }
        else if (message.Activity is { } activity)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(ActivityTag);
            WriteJson(Newtonsoft.Json.JsonConvert.SerializeObject(activity, ActivitySettings), writer);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(message.Text ?? string.Empty);
        }
    }

    /// <summary>JSON made by Newtonsoft, written again in this document's escaping.</summary>
    private static void WriteJson(string json, Utf8JsonWriter writer)
    {
        using var parsed = JsonDocument.Parse(json, ParseOptions);
        parsed.RootElement.WriteTo(writer);
    }

    /// <summary>Where a value sits in the state, for the message of a value that cannot be written; made into text only then.</summary>
    private sealed class Where(Where? parent, string name)
    {
        public override string ToString() => parent is null ? name : $"{parent}.{name}";
    }

    /// <summary>One write: its writer, the records written so far and those kept in several places.</summary>
    private sealed class Writing(Utf8JsonWriter writer, Repeats repeats)
    {
        public Utf8JsonWriter Writer { get; } = writer;

        public Repeats Repeats { get; } = repeats;

        public HashSet<object> Written { get; } = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// The records a state keeps in more than one place, numbered in the order their second place is met, walking the
    /// state in the order it is written (records are leaves: their insides are serialized, not walked).
    /// </summary>
    private sealed class Repeats
    {
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        private Dictionary<object, int>? _numbers;

        public int? NumberOf(object record) => _numbers is not null && _numbers.TryGetValue(record, out var number) ? number : null;

        public void Visit(object? value)
        {
            switch (value)
            {
                case null or string or bool or int or long or double or JToken:
                    return;
                case DialogState stack:
                    foreach (var instance in stack.DialogStack)
                    {
                        VisitMap(instance.State);
                    }

                    return;
                case IDictionary<string, object?> map:
                    VisitMap(map);
                    return;
                case PromptOptions prompt:
                    VisitMessage(prompt.Prompt);
                    VisitMessage(prompt.RetryPrompt);
                    Visit(prompt.Validations);
                    return;
                case PromptMessage message:
                    VisitMessage(message);
                    return;
                default:
                    VisitRecord(value);
                    return;
            }
        }

        private void VisitMap(IDictionary<string, object?> map)
        {
            foreach (var (_, value) in map)
            {
                Visit(value);
            }
        }

        private void VisitMessage(PromptMessage? message)
        {
            if (message?.CardSource is { } source)
            {
                VisitRecord(source);
            }
        }

        private void VisitRecord(object record)
        {
            if (!_seen.Add(record))
            {
                _numbers ??= new(ReferenceEqualityComparer.Instance);
                _numbers.TryAdd(record, _numbers.Count);
            }
        }
    }

    /// <summary>What one read has met so far: the document's version and the records numbered for <c>$same</c>.</summary>
    private sealed class Reading(int version)
    {
        public int Version { get; } = version;

        public Dictionary<int, object> Numbered { get; } = [];
    }

    private object? ReadValue(JsonElement node, Reading reader)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return ReadPrimitive(node);
            case JsonValueKind.Object when node.TryGetProperty(RecordTag, out _):
                return ReadRecord(node, reader);
            case JsonValueKind.Object when OnlyProperty(node) is { } tagged:
                var content = tagged.Value;
                return tagged.Name switch
                {
                    StackTag => ReadStack(content, reader),
                    MapTag => ReadMap(content, reader),
                    JsonTag => content.ValueKind == JsonValueKind.Null ? null : JToken.Parse(content.GetRawText()),
                    PromptTag => ReadPrompt(content, reader),
                    MessageTag when reader.Version >= SchemaVersion => ReadMessage(content, reader),
                    SameTag when reader.Version >= SchemaVersion => ReadSame(content, reader),
                    _ => throw Unreadable("The stored state holds a value of an unknown kind."),
                };
            default:
                throw Unreadable("The stored state holds a value of an unknown kind.");
        }
    }

    /// <summary>The one property of an object that has exactly one; null otherwise.</summary>
    private static JsonProperty? OnlyProperty(JsonElement json)
    {
        JsonProperty? only = null;
        foreach (var property in json.EnumerateObject())
        {
            if (only is not null)
            {
                return null;
            }

            only = property;
        }

        return only;
    }

    private static object ReadPrimitive(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt32(out var small) => small,
        JsonValueKind.Number when element.TryGetInt64(out var large) => large,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw Unreadable("The stored state holds a value of an unknown kind."),
    };

    private DialogState ReadStack(JsonElement content, Reading reader)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Unreadable("A stored dialog stack is not a list.");
        }

        var state = new DialogState();
        foreach (var instance in content.EnumerateArray())
        {
            if (instance.ValueKind != JsonValueKind.Object
                || !instance.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || id.GetString() is not { Length: > 0 } dialogId)
            {
                throw Unreadable("A stored dialog stack entry has no dialog id.");
            }

            var version = dialogId;
            if (instance.TryGetProperty("version", out var v))
            {
                version = v.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => v.GetString(),
                    _ => throw Unreadable("A stored dialog version is not text."),
                };
            }

            var stored = instance.TryGetProperty("state", out var map) ? map : default;
            state.DialogStack.Add(new DialogInstance { Id = dialogId, Version = version, State = ReadMap(stored, reader) });
        }

        return state;
    }

    private Dictionary<string, object?> ReadMap(JsonElement content, Reading reader)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            throw Unreadable("A stored dictionary is not an object.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in content.EnumerateObject())
        {
            values[property.Name] = ReadValue(property.Value, reader);
        }

        return values;
    }

    private object ReadRecord(JsonElement tagged, Reading reader)
    {
        if (!tagged.TryGetProperty(RecordTag, out var nameValue) || nameValue.ValueKind != JsonValueKind.String
            || nameValue.GetString() is not { } name)
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
            record = (tagged.TryGetProperty(RecordData, out var data) ? data.Deserialize(RecordType(type)) : null)
                ?? throw Unreadable($"The stored record '{name}' is empty.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw Unreadable($"The stored record '{name}' does not fit {type.Name}.", ex);
        }

        if (tagged.TryGetProperty(RecordRef, out var numbered) && numbered.ValueKind != JsonValueKind.Null)
        {
            if (numbered.ValueKind != JsonValueKind.Number || !numbered.TryGetInt32(out var number) || !reader.Numbered.TryAdd(number, record))
            {
                throw Unreadable($"The stored record '{name}' has a number that is not one or is used twice.");
            }
        }

        return record;
    }

    private static object ReadSame(JsonElement content, Reading reader) =>
        content.ValueKind == JsonValueKind.Number && content.TryGetInt32(out var number) && reader.Numbered.TryGetValue(number, out var record)
            ? record
            : throw Unreadable("The stored state refers to a record it does not hold.");

    private PromptMessage ReadMessage(JsonElement content, Reading reader)
    {
        if (reader.Version < SchemaVersion)
        {
            // Before version 2 a prompt kept the whole card it sent; that shape is not read (the conversation starts over).
            throw Unreadable("The stored prompt keeps a whole card, as builds before prompt card sources did.");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return PromptMessage.FromText(content.GetString()!);
        }

        if (content.ValueKind == JsonValueKind.Object)
        {
            if (content.TryGetProperty(RecordTag, out _))
            {
                return PromptMessage.FromCard(ReadRecord(content, reader));
            }

            switch (OnlyProperty(content))
            {
                case { Name: SameTag } same:
                    return PromptMessage.FromCard(ReadSame(same.Value, reader));
                case { Name: ActivityTag } activity:
                    return PromptMessage.FromActivity(ReadActivity(activity.Value)
                        ?? throw Unreadable("A stored activity is empty."));
            }
        }

        throw Unreadable("A stored prompt message is neither a text, a card source nor an activity.");
    }

    private PromptOptions ReadPrompt(JsonElement content, Reading reader)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            throw Unreadable("Stored prompt options are not an object.");
        }

        try
        {
            return new PromptOptions
            {
                Prompt = Present(content, "prompt") is { } prompt ? ReadMessage(prompt, reader) : null,
                RetryPrompt = Present(content, "retryPrompt") is { } retry ? ReadMessage(retry, reader) : null,
                Choices = Present(content, "choices")?.Deserialize<List<Choice>>(RecordOptions),
                Validations = Present(content, "validations") is { } validations ? ReadValue(validations, reader) : null,
                MaxAttempts = Present(content, "maxAttempts")?.GetInt32(),
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw Unreadable("Stored prompt options do not fit.", ex);
        }
    }

    /// <summary>The property's value, when it is there and not null.</summary>
    private static JsonElement? Present(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static Activity? ReadActivity(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (content.ValueKind != JsonValueKind.Object)
        {
            throw Unreadable("A stored activity is not an object.");
        }

        try
        {
            return Newtonsoft.Json.JsonConvert.DeserializeObject<Activity>(content.GetRawText(), ActivitySettings)
                ?? throw Unreadable("A stored activity is empty.");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw Unreadable("A stored activity does not fit the Bot Framework schema.", ex);
        }
    }
}
