using Newtonsoft.Json;

namespace PartnerBot.Dialogs;

/// <summary>What is persisted between turns: the dialog stack, top (active) dialog first.</summary>
public sealed class DialogState
{
    [JsonProperty("dialogStack")]
    public List<DialogInstance> DialogStack { get; set; } = [];
}
