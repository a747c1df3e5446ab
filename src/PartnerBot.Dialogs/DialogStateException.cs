namespace PartnerBot.Dialogs;

/// <summary>
/// The saved dialog state no longer fits the dialogs in this build: a dialog was changed or removed by a
/// redeploy, or the saved JSON cannot be read. The runner answers it with a polite restart.
/// </summary>
public sealed class DialogStateException : Exception
{
    public DialogStateException()
    {
    }

    public DialogStateException(string message)
        : base(message)
    {
    }

    public DialogStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stored document itself could not be read (damaged, another format or version, an unknown record), as opposed to a dialog that changed.</summary>
    public bool StateUnreadable { get; init; }

    /// <summary>Where an unreadable document was put aside, when a storage did; for the log.</summary>
    public string? Reference { get; init; }
}
