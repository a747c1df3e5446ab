namespace PartnerBot.Dialogs;

/// <summary>What the app's interruption hook decided about a message that arrived while a dialog was active.</summary>
public enum DialogInterruption
{
    /// <summary>Not an interruption: the active dialog gets the message.</summary>
    None,

    /// <summary>The hook answered it (e.g. help); the active dialog asks its question again and goes on where it was.</summary>
    Handled,

    /// <summary>
    /// The hook answered it and the active dialog keeps waiting without asking again (the SDK samples'
    /// CancelAndHelpDialog behaviour), for replies after which repeating the question would be noise.
    /// </summary>
    EndTurn,

    /// <summary>End every dialog (e.g. cancel). The hook says what the user should read.</summary>
    CancelAll,

    /// <summary>End every dialog and begin the root dialog again (e.g. start over).</summary>
    StartOver,
}

/// <summary>
/// Asked before the active dialog sees a message, with the dialog context (its <c>Context</c> is the turn).
/// The words that trigger it belong to the app; the hook sends its own replies.
/// </summary>
public delegate Task<DialogInterruption> DialogInterruptionHandler(DialogContext dc, CancellationToken cancellationToken);
