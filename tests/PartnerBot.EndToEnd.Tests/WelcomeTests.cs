using System.Diagnostics;
using Microsoft.Playwright;
using PartnerBot.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>First contact in the Teams-like client: who the bot thinks you are, and that it answers.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class WelcomeTests(PlaygroundFixture fixture, ITestOutputHelper output)
{
    [EndToEndFact]
    public async Task Opening_the_chat_shows_the_welcome_card_with_name_and_role_and_typing_gets_a_reply()
    {
        var clock = Stopwatch.StartNew();
        await using var chat = await fixture.OpenChatAsync(nameof(WelcomeTests));
        var pageLoad = clock.Elapsed;

        // The playground sends conversationUpdate on page load; the bot answers with its welcome card.
        var welcome = chat.BotMessages.First.Locator(".ac-adaptiveCard");
        await Assertions.Expect(welcome).ToContainTextAsync("Hi Alex Wilber!");
        await Assertions.Expect(welcome).ToContainTextAsync("I see you as: Sales agent");
        await Assertions.Expect(welcome.GetByRole(AriaRole.Button, new() { Name = "Update a customer's account", Exact = true })).ToBeVisibleAsync();
        var welcomeShown = clock.Elapsed;
        var shot = await chat.ScreenshotAsync("welcome");

        var reply = await chat.SendAndWaitForReplyAsync("hello");
        await Assertions.Expect(reply).Not.ToBeEmptyAsync();
        await chat.ScreenshotAsync("reply");

        output.WriteLine($"screenshots: {Path.GetDirectoryName(shot)}");
        output.WriteLine($"logs: {fixture.LogsDirectory}");
        output.WriteLine(
            $"bot + playground start {fixture.StartupTime.TotalSeconds:0.0} s, browser launch {fixture.BrowserLaunchTime.TotalSeconds:0.0} s, " +
            $"page load {pageLoad.TotalSeconds:0.0} s, welcome shown {welcomeShown.TotalSeconds:0.0} s, test {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
