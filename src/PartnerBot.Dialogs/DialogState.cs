using Newtonsoft.Json;

namespace PartnerBot.Dialogs;

/// <summary>What is persisted between turns: the dialog stack, top (active) dialog first.</summary>
public sealed class DialogState
{
    [JsonProperty("dialogStack")]
    public List<DialogInstance> DialogStack { get; set; } = [];

    /// <summary>
    /// Set only on what a storage hands back in place of a document it could not read (and has put aside);
    /// never saved. The runner answers it with a polite reset, as it does a dialog that changed.
    /// </summary>
    [JsonIgnore]
    public UnreadableDialogState? Unreadable { get; private init; }

    /// <summary>An empty state that tells the runner the stored one could not be read.</summary>
    /// <param name="problem">What was wrong, in words that hold none of the document's content.</param>
    /// <param name="reference">Where the unreadable document was put aside, for the log.</param>
    public static DialogState FromUnreadable(string problem, string reference) =>
        new() { Unreadable = new UnreadableDialogState(problem, reference) };
}

/// <summary>Why the stored state could not be read, and the reference of the document put aside.</summary>
public sealed record UnreadableDialogState(string Problem, string Reference);
