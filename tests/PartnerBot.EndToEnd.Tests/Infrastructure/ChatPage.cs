using System.Globalization;
using Microsoft.Playwright;

namespace PartnerBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The playground's chat page in its own browser context, seen as a person sees it. Every locator is
/// scoped to the conversation pane: the same bot text also shows in the sidebar preview and the log panel.
/// </summary>
public sealed class ChatPage : IAsyncDisposable
{
    /// <summary>A bot turn is fast (Teams retries after 15 s); anything slower is a failure, not a wait.</summary>
    private const float TimeoutMs = 15_000;

    private readonly IBrowserContext context;
    private readonly string screenshotPrefix;
    private readonly string screenshotsDirectory;
    private int screenshotNumber;

    private ChatPage(IBrowserContext context, IPage page, string screenshotPrefix, string screenshotsDirectory)
    {
        this.context = context;
        Page = page;
        this.screenshotPrefix = screenshotPrefix;
        this.screenshotsDirectory = screenshotsDirectory;
        MessageBox = page.Locator("[data-lexical-editor=\"true\"][role=\"textbox\"]");
        // The playground gives its elements generated class names; its ARIA labels are what stays put.
        // A message (the user's or the bot's) is the grandparent of its "Message header"; only the bot's
        // carry a "Message author". Neither exists in the sidebar or the log panel.
        Messages = page.Locator("xpath=//*[@aria-label='Message header']/../..");
        BotMessages = Messages.Filter(new() { Has = page.Locator("[aria-label='Message author']") });
        UserMessages = Messages.Filter(new() { HasNot = page.Locator("[aria-label='Message author']") });
    }

    public IPage Page { get; }

    public ILocator MessageBox { get; }

    /// <summary>Every message in the conversation pane, oldest first.</summary>
    public ILocator Messages { get; }

    public ILocator BotMessages { get; }

    public ILocator UserMessages { get; }

    public ILocator LatestBotMessage => BotMessages.Last;

    /// <summary>The newest Adaptive Card the bot has shown in the conversation.</summary>
    public ILocator LatestCard => BotMessages.Locator(".ac-adaptiveCard").Last;

    /// <summary>Opens the chat page and waits until it can be typed into and the bot has welcomed the user.</summary>
    public static async Task<ChatPage> OpenAsync(IBrowserContext context, Uri url, string screenshotPrefix, string screenshotsDirectory)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(url);
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        // The message box appearing is what "loaded" means here; waiting for every resource adds nothing.
        await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var chat = new ChatPage(context, page, screenshotPrefix, screenshotsDirectory);
        await chat.MessageBox.WaitForAsync();
        // Each page load sends conversationUpdate and PartnerBot answers it with its welcome card. Until
        // it is shown, a reply to the first typed message could not be told apart from it.
        await chat.BotMessages.First.WaitForAsync();
        return chat;
    }

    /// <summary>Types <paramref name="text"/> into the message box and sends it with Enter, as a person does.</summary>
    public async Task SendAsync(string text)
    {
        var sent = await UserMessages.CountAsync();
        await MessageBox.ClickAsync();
        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(UserMessages).ToHaveCountAsync(sent + 1);
    }

    /// <summary>
    /// Sends <paramref name="text"/> and returns the bot's first new message once it is shown. A turn can
    /// answer with several messages; assert on the one that matters with an auto-waiting expectation.
    /// </summary>
    public async Task<ILocator> SendAndWaitForReplyAsync(string text)
    {
        var before = await BotMessages.CountAsync();
        await SendAsync(text);
        return await WaitForBotMessageAsync(before);
    }

    /// <summary>Waits until the bot has shown more than <paramref name="countBefore"/> messages; returns the first new one.</summary>
    public async Task<ILocator> WaitForBotMessageAsync(int countBefore)
    {
        var next = BotMessages.Nth(countBefore);
        await next.WaitForAsync();
        return next;
    }

    /// <summary>An Adaptive Card input, found by its label as a screen reader would.</summary>
    public ILocator CardInput(string label, ILocator? card = null) =>
        (card ?? LatestCard).GetByLabel(label, new() { Exact = true });

    public async Task FillCardInputAsync(string label, string value, ILocator? card = null) =>
        await CardInput(label, card).FillAsync(value);

    /// <summary>Presses a card button by its title (Action.Submit and Action.Execute render as buttons).</summary>
    public async Task PressCardButtonAsync(string title, ILocator? card = null) =>
        await (card ?? LatestCard).GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).ClickAsync();

    /// <summary>
    /// Saves the page as <c>{test}-{NN}-{moment}.png</c> in the run's screenshot folder and returns the path:
    /// the screenshots are how a reviewer sees the product without running it.
    /// </summary>
    public async Task<string> ScreenshotAsync(string moment)
    {
        screenshotNumber++;
        var name = string.Create(CultureInfo.InvariantCulture, $"{screenshotPrefix}-{screenshotNumber:00}-{moment}.png");
        var path = Path.Combine(screenshotsDirectory, name);
        await Page.ScreenshotAsync(new() { Path = path });
        return path;
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
