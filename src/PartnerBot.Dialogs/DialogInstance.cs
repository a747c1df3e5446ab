using Newtonsoft.Json;

namespace PartnerBot.Dialogs;

/// <summary>One entry of the dialog stack: which dialog, the version it started with, and its saved state.</summary>
public sealed class DialogInstance
{
    [JsonProperty("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The dialog's <see cref="Dialog.Version"/> when it started; a mismatch later means it was redeployed.</summary>
    [JsonProperty("version")]
    public string? Version { get; set; }

    [JsonProperty("state")]
    public IDictionary<string, object?> State { get; set; } = new Dictionary<string, object?>();
}
