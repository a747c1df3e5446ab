namespace PartnerBot.Dialogs;

/// <summary>One option of a <see cref="ChoicePrompt"/>.</summary>
public sealed class Choice
{
    public Choice()
    {
    }

    public Choice(string value, string? title = null, IEnumerable<string>? synonyms = null)
    {
        Value = value;
        Title = title;
        Synonyms = synonyms?.ToList();
    }

    /// <summary>What the prompt returns, and what a card button submits as <c>{"choice": value}</c>.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>What the user reads; <see cref="Value"/> when not set. Typing it also selects the choice.</summary>
    public string? Title { get; set; }

    /// <summary>Other words that select this choice when typed.</summary>
    public IList<string>? Synonyms { get; set; }
}

/// <summary>The choice the user picked, and its position in the offered list.</summary>
public sealed record FoundChoice(string Value, int Index);
