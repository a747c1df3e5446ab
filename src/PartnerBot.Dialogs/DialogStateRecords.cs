using System.Text.Json;

namespace PartnerBot.Dialogs;

/// <summary>
/// The app's types that may be kept in dialog state (waterfall options and values, prompt validations), each
/// under a stable name chosen once. Stored state carries the name, never the CLR type, so a class renamed or
/// moved to another namespace reads the same documents. A record gains or loses a property freely (unknown
/// properties are skipped, missing ones take their defaults); a change of meaning takes a new name, and a
/// name this build does not know makes the document unreadable, which the runner answers with a polite reset.
/// </summary>
public sealed class DialogStateRecords
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/> (letters, digits, '.', '-', '/').</summary>
    public DialogStateRecords Add<T>(string name)
        where T : class => Add(typeof(T), name);

    public DialogStateRecords Add(Type type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/')))
        {
            throw new ArgumentException($"The record name '{name}' may hold only letters, digits, '.', '-' and '/'.", nameof(name));
        }

        if (_byName.ContainsKey(name) || _byType.ContainsKey(type))
        {
            throw new ArgumentException($"'{name}' or {type.Name} is already registered.", nameof(name));
        }

        _byName.Add(name, type);
        _byType.Add(type, name);
        return this;
    }

    /// <summary>
    /// Serializes the records whose metadata <paramref name="options"/> has (a source-generated context's options, which
    /// must write as <see cref="DialogStateDocument"/>'s own do: camelCase, nulls left out, enums by name); any other
    /// registered record is serialized by reflection as before.
    /// </summary>
    public DialogStateRecords SerializedWith(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Serialization = options;
        return this;
    }

    /// <summary>The options given by <see cref="SerializedWith"/>; null when every record is serialized by reflection.</summary>
    public JsonSerializerOptions? Serialization { get; private set; }

    /// <summary>The registered names and types, for tests that round-trip every record.</summary>
    public IReadOnlyDictionary<string, Type> Registered => _byName;

    internal bool TryGetName(Type type, out string name) => _byType.TryGetValue(type, out name!);

    internal bool TryGetType(string name, out Type type) => _byName.TryGetValue(name, out type!);
}
