namespace PartnerBot.Dialogs;

/// <summary>What a prompt made of the user's reply. Validators may correct it.</summary>
public sealed class PromptRecognizerResult<T>
{
    public bool Succeeded { get; set; }

    public T? Value { get; set; }
}
