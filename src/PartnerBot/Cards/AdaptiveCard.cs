using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerBot.Cards;

/// <summary>
/// A small typed model of Adaptive Cards schema 1.5, just the elements PartnerBot sends. The AdaptiveCards
/// package is not obtainable here (dependencies.md); this keeps cards typed and checkable instead of
/// hand-written JSON strings.
/// </summary>
public sealed class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("type")]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    public string Version => "1.5";

    public List<CardElement> Body { get; init; } = [];

    public List<CardAction>? Actions { get; init; }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        // The JSON is sent as written (CardAttachments): letters such as ą and ł as themselves, as Newtonsoft
        // writes them, not as \u escapes that make a Polish card longer.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The card's JSON: what <c>JsonSerializer.Serialize(this, JsonOptions)</c> writes, written by <see cref="CardJson"/>.</summary>
    public string ToJson() => CardJson.Write(this);

    /// <summary>This card with <paramref name="text"/> added at the end of its body.</summary>
    public AdaptiveCard WithText(string text) => new()
    {
        Body = [.. Body, new TextBlock { Text = text, Spacing = Spacing.Medium }],
        Actions = Actions,
    };

    /// <summary>A card without buttons that says <paramref name="texts"/>: what the bot answered a press with, in place of the pressed card.</summary>
    public static AdaptiveCard Saying(IEnumerable<string> texts) => new()
    {
        Body = [.. texts.Select(t => (CardElement)new TextBlock { Text = t })],
    };
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
public abstract class CardElement
{
    public string? Id { get; init; }

    public bool? Separator { get; init; }

    public Spacing? Spacing { get; init; }

    public bool? IsVisible { get; init; }
}

public enum Spacing
{
    None,
    Small,
    Default,
    Medium,
    Large,
}

public enum TextSize
{
    Small,
    Default,
    Medium,
    Large,
    ExtraLarge,
}

public enum TextWeight
{
    Lighter,
    Default,
    Bolder,
}

public enum TextColor
{
    Default,
    Accent,
    Good,
    Warning,
    Attention,
}

public enum ContainerStyle
{
    Default,
    Emphasis,
    Good,
    Attention,
    Warning,
    Accent,
}

public sealed class TextBlock : CardElement
{
    public required string Text { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public bool? Wrap { get; init; } = true;
}

public sealed class FactSet : CardElement
{
    public List<Fact> Facts { get; init; } = [];
}

public sealed record Fact(string Title, string Value);

public sealed class Container : CardElement
{
    /// <summary>
    /// A status line readable on Teams' light, dark and high-contrast themes: bold default text on the emphasis
    /// background. Green or yellow text is not (yellow on white, green on dark grey), so no card uses it.
    /// </summary>
    public static Container Notice(string text, Spacing? spacing = null) => new()
    {
        Style = ContainerStyle.Emphasis,
        Spacing = spacing,
        Items = [new TextBlock { Text = text, Weight = TextWeight.Bolder }],
    };

    public List<CardElement> Items { get; init; } = [];

    public ContainerStyle? Style { get; init; }

    /// <summary>Makes the whole container the button: its text wraps, where a button's title is cut off.</summary>
    public CardAction? SelectAction { get; init; }
}

public sealed class ColumnSet : CardElement
{
    public List<Column> Columns { get; init; } = [];
}

public sealed class Column
{
    [JsonPropertyName("type")]
    public string Type => "Column";

    public string? Width { get; init; }

    public List<CardElement> Items { get; init; } = [];
}

public sealed class ActionSet : CardElement
{
    public List<CardAction> Actions { get; init; } = [];
}

public sealed class TextInput : CardElement
{
    public string? Label { get; init; }

    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public int? MaxLength { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }

    public TextInputStyle? Style { get; init; }
}

public enum TextInputStyle
{
    Text,
    Tel,
    Url,
    Email,
}

public sealed class ChoiceSetInput : CardElement
{
    public string? Label { get; init; }

    public string? Value { get; init; }

    public List<CardChoice> Choices { get; init; } = [];

    public ChoiceInputStyle? Style { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

public enum ChoiceInputStyle
{
    Compact,
    Expanded,
}

public sealed record CardChoice(string Title, string Value);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
public abstract class CardAction
{
    public required string Title { get; init; }

    public ActionStyle? Style { get; init; }
}

public enum ActionStyle
{
    Default,
    Positive,
    Destructive,
}

/// <summary>
/// Action.Execute (Universal Actions): the press is an <c>adaptiveCard/action</c> invoke and the bot answers with
/// the card that replaces this one. <see cref="Verb"/> is the button's meaning and <see cref="Data"/> carries
/// only identifiers; the dialog state is the source of truth and the bot re-checks every value it gets back.
/// </summary>
public sealed class ExecuteAction : CardAction
{
    public required string Verb { get; init; }

    public IReadOnlyDictionary<string, object>? Data { get; init; }

    /// <summary>"none" lets Cancel-like buttons send without the card's inputs (and without tripping their checks).</summary>
    public string? AssociatedInputs { get; init; }
}
