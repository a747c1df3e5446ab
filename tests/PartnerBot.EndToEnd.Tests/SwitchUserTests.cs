using Microsoft.Playwright;
using PartnerBot.EndToEnd.Tests.Infrastructure;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>The playground's users are the demo staff, so another user means another role.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class SwitchUserTests(PlaygroundFixture fixture)
{
    [EndToEndFact]
    public async Task Patti_Fernandez_is_told_she_has_no_role()
    {
        await using var chat = await fixture.OpenChatAsync(nameof(SwitchUserTests), user: "patti");

        var reply = await chat.SendAndWaitForReplyAsync("hi");
        var card = reply.Locator(".ac-adaptiveCard");
        await Assertions.Expect(card).ToContainTextAsync("Hi Patti Fernandez!");
        await Assertions.Expect(card).ToContainTextAsync("You have no Partner Center role I know of");
        await chat.ScreenshotAsync("no-role");
    }
}
