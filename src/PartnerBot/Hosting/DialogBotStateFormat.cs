using Microsoft.Bot.Builder;
using PartnerBot.Data.BotState;
using PartnerBot.Dialogs;

namespace PartnerBot.Hosting;

/// <summary>
/// The stored shape of PartnerBot's bot state: BotState's property bag as a <see cref="DialogStateDocument"/>
/// with the conversations' records. Here, between the two, because the storage knows no dialogs and the
/// dialog engine knows no storage.
/// </summary>
public sealed class DialogBotStateFormat(DialogStateDocument stateDocument) : IBotStateFormat
{
    /// <summary>The BotState property that holds the dialog stack.</summary>
    public const string DialogStateProperty = nameof(DialogState);

    public string Write(object state)
    {
        if (state is not IDictionary<string, object> bag)
        {
            throw new InvalidOperationException($"Bot state is a property bag; {state?.GetType().Name ?? "null"} cannot be stored.");
        }

        return stateDocument.Write(bag!);
    }

    public bool TryRead(string document, out object? state, out string problem)
    {
        try
        {
            state = stateDocument.Read(document);
            problem = string.Empty;
            return true;
        }
        catch (DialogStateException ex) when (ex.StateUnreadable)
        {
            state = null;
            problem = ex.Message;
            return false;
        }
    }

    public object Unreadable(string problem, string reference) =>
        new Dictionary<string, object> { [DialogStateProperty] = DialogState.FromUnreadable(problem, reference) };
}
