using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs;

/// <summary>How <see cref="DialogExtensions.RunAsync"/> treats interruptions and state that no longer fits.</summary>
public sealed class DialogRunOptions
{
    public const string DefaultChangedDialogMessage =
        "Sorry, I was updated while we were talking and lost track of where we were. Let's start again.";

    /// <summary>Builds the cards prompts send from what their state keeps (<see cref="PromptMessage.CardSource"/>).</summary>
    public IPromptCardBuilder? PromptCards { get; init; }

    /// <summary>Asked first on every message while a dialog is active.</summary>
    public DialogInterruptionHandler? Interruptions { get; init; }

    /// <summary>
    /// The text sent when the saved conversation cannot go on (a dialog changed or vanished in a redeploy, or
    /// the saved state cannot be read); a function of the turn so the app can localize it. Null text sends nothing.
    /// </summary>
    public Func<ITurnContext, string?> ChangedDialogMessage { get; init; } = _ => DefaultChangedDialogMessage;

    /// <summary>
    /// The text sent when the stored state itself could not be read (damaged, another format, an unknown
    /// record); <see cref="ChangedDialogMessage"/> when not set.
    /// </summary>
    public Func<ITurnContext, string?>? UnreadableStateMessage { get; init; }

    /// <summary>After that message, begin the root dialog fresh (true) or just wait for the user (false).</summary>
    public bool RestartRootAfterChange { get; init; } = true;

    /// <summary>Told about every such reset, with the reason, so the app can log it; the user never sees the exception.</summary>
    public Action<ITurnContext, DialogStateException>? OnStateReset { get; init; }
}
