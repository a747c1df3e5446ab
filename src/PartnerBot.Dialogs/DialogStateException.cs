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
}
