namespace PartnerBot.Dialogs;

/// <summary>The outcome of running the stack for one turn.</summary>
public sealed class DialogTurnResult(DialogTurnStatus status, object? result = null)
{
    public DialogTurnStatus Status { get; } = status;

    public object? Result { get; } = result;
}
