using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PartnerBot.Cards;

/// <summary>
/// Writes an <see cref="AdaptiveCard"/> as JSON by hand, byte for byte as <see cref="JsonSerializer"/> writes it with
/// <see cref="AdaptiveCard.JsonOptions"/> (camelCase, nulls left out, enums by camelCase name, the type discriminator
/// first, a derived element's own properties before its base's), without the serializer's polymorphic converters and
/// reflection metadata per element (issue 13: a card is written at nearly every turn). The names, the fixed parts of
/// every card, are encoded once. A value of a type this writer does not know (an element or action type added later,
/// a button's data other than texts, numbers and flags) is handed to the serializer, so it is written as before.
/// </summary>
internal static class CardJson
{
    // A kept buffer larger than this (a rare huge card) is dropped rather than kept for the thread's life.
    private const int KeptBufferBytes = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = AdaptiveCard.JsonOptions.Encoder,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText Type = Name("type");
    private static readonly JsonEncodedText Schema = Name("$schema");
    private static readonly JsonEncodedText Version = Name("version");
    private static readonly JsonEncodedText Body = Name("body");
    private static readonly JsonEncodedText Actions = Name("actions");
    private static readonly JsonEncodedText Id = Name("id");
    private static readonly JsonEncodedText Separator = Name("separator");
    private static readonly JsonEncodedText SpacingName = Name("spacing");
    private static readonly JsonEncodedText IsVisible = Name("isVisible");
    private static readonly JsonEncodedText Text = Name("text");
    private static readonly JsonEncodedText Size = Name("size");
    private static readonly JsonEncodedText Weight = Name("weight");
    private static readonly JsonEncodedText Color = Name("color");
    private static readonly JsonEncodedText IsSubtle = Name("isSubtle");
    private static readonly JsonEncodedText Wrap = Name("wrap");
    private static readonly JsonEncodedText Facts = Name("facts");
    private static readonly JsonEncodedText Title = Name("title");
    private static readonly JsonEncodedText Value = Name("value");
    private static readonly JsonEncodedText Items = Name("items");
    private static readonly JsonEncodedText Style = Name("style");
    private static readonly JsonEncodedText SelectAction = Name("selectAction");
    private static readonly JsonEncodedText Columns = Name("columns");
    private static readonly JsonEncodedText Width = Name("width");
    private static readonly JsonEncodedText Label = Name("label");
    private static readonly JsonEncodedText Placeholder = Name("placeholder");
    private static readonly JsonEncodedText MaxLength = Name("maxLength");
    private static readonly JsonEncodedText IsRequired = Name("isRequired");
    private static readonly JsonEncodedText ErrorMessage = Name("errorMessage");
    private static readonly JsonEncodedText Choices = Name("choices");
    private static readonly JsonEncodedText Verb = Name("verb");
    private static readonly JsonEncodedText Data = Name("data");
    private static readonly JsonEncodedText AssociatedInputs = Name("associatedInputs");

    private static readonly JsonEncodedText AdaptiveCardType = Name("AdaptiveCard");
    private static readonly JsonEncodedText SchemaValue = Name("http://adaptivecards.io/schemas/adaptive-card.json");
    private static readonly JsonEncodedText VersionValue = Name("1.5");
    private static readonly JsonEncodedText TextBlockType = Name("TextBlock");
    private static readonly JsonEncodedText FactSetType = Name("FactSet");
    private static readonly JsonEncodedText ContainerType = Name("Container");
    private static readonly JsonEncodedText ColumnSetType = Name("ColumnSet");
    private static readonly JsonEncodedText ColumnType = Name("Column");
    private static readonly JsonEncodedText ActionSetType = Name("ActionSet");
    private static readonly JsonEncodedText TextInputType = Name("Input.Text");
    private static readonly JsonEncodedText ChoiceSetType = Name("Input.ChoiceSet");
    private static readonly JsonEncodedText ExecuteType = Name("Action.Execute");

    // Each enum's values by camelCase name, as JsonStringEnumConverter(JsonNamingPolicy.CamelCase) writes them.
    private static readonly JsonEncodedText[] Spacings = Names<Spacing>();
    private static readonly JsonEncodedText[] TextSizes = Names<TextSize>();
    private static readonly JsonEncodedText[] TextWeights = Names<TextWeight>();
    private static readonly JsonEncodedText[] TextColors = Names<TextColor>();
    private static readonly JsonEncodedText[] ContainerStyles = Names<ContainerStyle>();
    private static readonly JsonEncodedText[] TextInputStyles = Names<TextInputStyle>();
    private static readonly JsonEncodedText[] ChoiceInputStyles = Names<ChoiceInputStyle>();
    private static readonly JsonEncodedText[] ActionStyles = Names<ActionStyle>();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? ThreadBuffer;

    /// <summary>The card's JSON, as <c>JsonSerializer.Serialize(card, AdaptiveCard.JsonOptions)</c> writes it.</summary>
    public static string Write(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);

        // One buffer per thread, kept between cards: the write is synchronous, so no other card can use it meanwhile.
        var buffer = ThreadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(Type, AdaptiveCardType);
            writer.WriteString(Schema, SchemaValue);
            writer.WriteString(Version, VersionValue);
            WriteList(writer, Body, card.Body, WriteElement);
            WriteList(writer, Actions, card.Actions, WriteAction);

            writer.WriteEndObject();
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > KeptBufferBytes)
        {
            ThreadBuffer = null;
        }

        return json;
    }

    /// <summary>A list under <paramref name="name"/>, each item by <paramref name="write"/>; nothing when it is null (nulls are left out).</summary>
    private static void WriteList<T>(Utf8JsonWriter writer, JsonEncodedText name, List<T>? items, Action<Utf8JsonWriter, T> write)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, CardElement? element)
    {
        switch (element)
        {
            case TextBlock text:
                writer.WriteStartObject();
                writer.WriteString(Type, TextBlockType);
                String(writer, Text, text.Text);
                Enum(writer, Size, text.Size, TextSizes);
                Enum(writer, Weight, text.Weight, TextWeights);
                Enum(writer, Color, text.Color, TextColors);
                Flag(writer, IsSubtle, text.IsSubtle);
                Flag(writer, Wrap, text.Wrap);
                break;
            case FactSet facts:
                writer.WriteStartObject();
                writer.WriteString(Type, FactSetType);
                if (facts.Facts is not null)
                {
                    writer.WriteStartArray(Facts);
                    foreach (var fact in facts.Facts)
                    {
                        writer.WriteStartObject();
                        String(writer, Title, fact.Title);
                        String(writer, Value, fact.Value);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                break;
            case Container container:
                writer.WriteStartObject();
                writer.WriteString(Type, ContainerType);
                WriteList(writer, Items, container.Items, WriteElement);
                Enum(writer, Style, container.Style, ContainerStyles);
                if (container.SelectAction is { } select)
                {
                    writer.WritePropertyName(SelectAction);
                    WriteAction(writer, select);
                }

                break;
            case ColumnSet columns:
                writer.WriteStartObject();
                writer.WriteString(Type, ColumnSetType);
                if (columns.Columns is not null)
                {
                    writer.WriteStartArray(Columns);
                    foreach (var column in columns.Columns)
                    {
                        writer.WriteStartObject();
                        writer.WriteString(Type, ColumnType);
                        String(writer, Width, column.Width);
                        WriteList(writer, Items, column.Items, WriteElement);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                break;
            case ActionSet set:
                writer.WriteStartObject();
                writer.WriteString(Type, ActionSetType);
                WriteList(writer, Actions, set.Actions, WriteAction);
                break;
            case TextInput input:
                writer.WriteStartObject();
                writer.WriteString(Type, TextInputType);
                String(writer, Label, input.Label);
                String(writer, Value, input.Value);
                String(writer, Placeholder, input.Placeholder);
                if (input.MaxLength is int max)
                {
                    writer.WriteNumber(MaxLength, max);
                }

                Flag(writer, IsRequired, input.IsRequired);
                String(writer, ErrorMessage, input.ErrorMessage);
                Enum(writer, Style, input.Style, TextInputStyles);
                break;
            case ChoiceSetInput choiceSet:
                writer.WriteStartObject();
                writer.WriteString(Type, ChoiceSetType);
                String(writer, Label, choiceSet.Label);
                String(writer, Value, choiceSet.Value);
                if (choiceSet.Choices is not null)
                {
                    writer.WriteStartArray(Choices);
                    foreach (var choice in choiceSet.Choices)
                    {
                        writer.WriteStartObject();
                        String(writer, Title, choice.Title);
                        String(writer, Value, choice.Value);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                Enum(writer, Style, choiceSet.Style, ChoiceInputStyles);
                Flag(writer, IsRequired, choiceSet.IsRequired);
                String(writer, ErrorMessage, choiceSet.ErrorMessage);
                break;
            default:
                // Null, or an element type this writer does not know: the serializer writes it, as it did every element.
                JsonSerializer.Serialize(writer, element, AdaptiveCard.JsonOptions);
                return;
        }

        // The base class's properties, after the element's own.
        String(writer, Id, element.Id);
        Flag(writer, Separator, element.Separator);
        Enum(writer, SpacingName, element.Spacing, Spacings);
        Flag(writer, IsVisible, element.IsVisible);
        writer.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter writer, CardAction? action)
    {
        if (action is not ExecuteAction execute || !Writable(execute.Data))
        {
            JsonSerializer.Serialize(writer, action, AdaptiveCard.JsonOptions);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(Type, ExecuteType);
        String(writer, Verb, execute.Verb);
        if (execute.Data is { } data)
        {
            writer.WritePropertyName(Data);
            writer.WriteStartObject();
            foreach (var (key, value) in data)
            {
                switch (value)
                {
                    case string text:
                        writer.WriteString(key, text);
                        break;
                    case int number:
                        writer.WriteNumber(key, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(key, flag);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        String(writer, AssociatedInputs, execute.AssociatedInputs);
        String(writer, Title, execute.Title);
        Enum(writer, Style, execute.Style, ActionStyles);
        writer.WriteEndObject();
    }

    /// <summary>Whether every value of a button's data is one this writer writes as the serializer does (a text, a whole number or a flag).</summary>
    private static bool Writable(IReadOnlyDictionary<string, object>? data)
    {
        if (data is null)
        {
            return true;
        }

        foreach (var (_, value) in data)
        {
            if (value is not (string or int or bool))
            {
                return false;
            }
        }

        // The serializer's dictionary keys are written as they are (no naming policy for keys), as here.
        return AdaptiveCard.JsonOptions.DictionaryKeyPolicy is null;
    }

    private static void String(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Flag(Utf8JsonWriter writer, JsonEncodedText name, bool? value)
    {
        if (value is bool flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    private static void Enum<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonEncodedText[] names)
        where T : struct, Enum
    {
        if (value is { } known)
        {
            var index = System.Runtime.CompilerServices.Unsafe.As<T, int>(ref known);
            if ((uint)index < (uint)names.Length)
            {
                writer.WriteString(name, names[index]);
            }
            else
            {
                // A number with no name: written by the serializer, which writes it as a number.
                writer.WritePropertyName(name);
                JsonSerializer.Serialize(writer, known, AdaptiveCard.JsonOptions);
            }
        }
    }

    private static JsonEncodedText Name(string text) => JsonEncodedText.Encode(text, AdaptiveCard.JsonOptions.Encoder);

    private static JsonEncodedText[] Names<T>()
        where T : struct, Enum
    {
        // Indexed by value: the card enums are ints numbered 0, 1, 2… in order of declaration (checked when they are built).
        if (System.Enum.GetUnderlyingType(typeof(T)) != typeof(int))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is not an int enum: CardJson reads its values as ints.");
        }

        var values = System.Enum.GetValues<T>();
        var names = new JsonEncodedText[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture) != i)
            {
                throw new InvalidOperationException($"{typeof(T).Name} is not numbered 0, 1, 2…: CardJson indexes its names by value.");
            }

            names[i] = Name(JsonNamingPolicy.CamelCase.ConvertName(values[i].ToString()));
        }

        return names;
    }
}
