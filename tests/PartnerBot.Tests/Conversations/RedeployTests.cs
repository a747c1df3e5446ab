using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Dialogs;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>A redeploy that changed a dialog while someone was in it: a polite restart, never an exception.</summary>
public sealed class RedeployTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_dialog_that_changed_since_its_state_was_saved_restarts_politely_and_the_message_is_still_answered()
    {
        var chat = new TeamsConversation(_bot.Bot);
        // A typo, so the bot asks "did you mean" (an exact name would open the account at once).
        var offer = Assert.Single(await chat.SayAsync(People.Alex, "update contso"));
        Assert.Contains("Contoso Ltd", CardReader.Text(offer), StringComparison.Ordinal);

        // What an older build saved: the same dialogs, but with other versions (a waterfall had other steps).
        var storage = _bot.Services.GetRequiredService<IStorage>();
        const string key = "msteams/conversations/a:personal";
        var saved = await storage.ReadAsync([key], CancellationToken.None);
        var document = (IDictionary<string, object>)saved[key];
        var state = (DialogState)document[nameof(DialogState)];
        foreach (var instance in state.DialogStack)
        {
            instance.Version = "built-last-week";
        }

        await storage.WriteAsync(new Dictionary<string, object> { [key] = document }, CancellationToken.None);

        // The press of the card the old build sent: the conversation restarts politely and the press is still answered.
        // Both are said on the pressed card.
        var answer = Assert.Single(await chat.PressAsync(People.Alex, offer, "Yes"));
        Assert.StartsWith("Sorry, I was updated while we were talking", answer.Text, StringComparison.Ordinal);
        Assert.Contains("no longer active", answer.Text, StringComparison.Ordinal);
    }
}
