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

    // Loading the playground's page (its script bundle, its own conversationUpdate round trip) is not a bot
    // turn: on a 2-core machine busy with a build it has taken over 15 s, so only the page load gets longer.
    private const float PageLoadTimeoutMs = 60_000;

    /// <summary>Above the conversation pane: the playground's top bar; below it: the message box.</summary>
    private const int PaneChrome = 48 + 93 + 32;

    /// <summary>A screenshot never makes the window taller than this, however tall the card.</summary>
    private const int MaxScreenshotHeight = 2400;

    private readonly IBrowserContext _context;
    private readonly string _screenshotPrefix;
    private readonly string _screenshotsDirectory;
    private int _screenshotNumber;

    private ChatPage(IBrowserContext context, IPage page, string screenshotPrefix, string screenshotsDirectory)
    {
        _context = context;
        Page = page;
        _screenshotPrefix = screenshotPrefix;
        _screenshotsDirectory = screenshotsDirectory;
        MessageBox = page.Locator("[data-lexical-editor=\"true\"][role=\"textbox\"]");
        // The playground gives its elements generated class names; its ARIA labels are what stays put.
        // A message (the user's or the bot's) is the grandparent of its "Message header"; only the bot's
        // carry a "Message author". Neither exists in the sidebar or the log panel.
        Messages = page.Locator("xpath=//*[@aria-label='Message header']/../..");
        BotMessages = Messages.Filter(new() { Has = page.Locator("[aria-label='Message author']") });
        UserMessages = Messages.Filter(new() { HasNot = page.Locator("[aria-label='Message author']") });
        // The conversation pane is the nearest block holding both the message box and the messages: the
        // middle column, without the sidebar and the log panel (what a screenshot of the chat should show).
        ChatPane = MessageBox.Locator("xpath=ancestor::div[.//*[@aria-label='Message header']][1]");
    }

    public IPage Page { get; }

    public ILocator MessageBox { get; }

    /// <summary>Every message in the conversation pane, oldest first.</summary>
    public ILocator Messages { get; }

    public ILocator BotMessages { get; }

    public ILocator UserMessages { get; }

    /// <summary>The open conversation: its messages and the message box.</summary>
    public ILocator ChatPane { get; }

    public ILocator LatestBotMessage => BotMessages.Last;

    /// <summary>The newest Adaptive Card the bot has shown in the conversation.</summary>
    public ILocator LatestCard => BotMessages.Locator(".ac-adaptiveCard").Last;

    /// <summary>Opens the chat page and waits until it can be typed into and the bot has welcomed the user.</summary>
    public static async Task<ChatPage> OpenAsync(IBrowserContext context, Uri url, string screenshotPrefix, string screenshotsDirectory)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(url);
        context.SetDefaultTimeout(TimeoutMs);
        // Expectations wait for the bot's reply too; Playwright's 5 s default is shorter than a turn may take
        // on a busy machine.
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        // The message box appearing is what "loaded" means here; waiting for every resource adds nothing.
        await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = PageLoadTimeoutMs });
        var chat = new ChatPage(context, page, screenshotPrefix, screenshotsDirectory);
        await chat.MessageBox.WaitForAsync(new() { Timeout = PageLoadTimeoutMs });
        // Each page load sends conversationUpdate and PartnerBot answers it with its welcome card. Until
        // it is shown, a reply to the first typed message could not be told apart from it.
        await chat.BotMessages.First.WaitForAsync();
        return chat;
    }

    /// <summary>
    /// Opens another conversation from the sidebar (a group chat or a team channel, by the name it shows)
    /// and waits until its messages are shown.
    /// </summary>
    public async Task OpenConversationAsync(string name)
    {
        await Page.GetByRole(AriaRole.Treeitem, new() { Name = name, Exact = true }).ClickAsync();
        // The pane empties on the click and then shows that conversation, which the bot welcomed on page load.
        await BotMessages.First.WaitForAsync();
    }

    /// <summary>
    /// Types <paramref name="text"/> into the message box and sends it with Enter, as a person does. With
    /// <paramref name="mention"/>, the message starts with an @mention picked from the playground's list,
    /// as in a Teams group chat or channel (the bot receives <c>&lt;at&gt;name&lt;/at&gt;</c> and a mention entity).
    /// </summary>
    public async Task SendAsync(string text, string? mention = null)
    {
        var sent = await UserMessages.CountAsync();
        await MessageBox.ClickAsync();
        if (mention is not null)
        {
            await Page.Keyboard.TypeAsync("@");
            // Not exact: an entry's accessible name is its avatar's label and its text, "PartnerBot PartnerBot".
            await Page.GetByRole(AriaRole.Menuitem, new() { Name = mention }).ClickAsync();
            await Page.Keyboard.TypeAsync(" ");
        }

        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(UserMessages).ToHaveCountAsync(sent + 1);
    }

    /// <summary>
    /// Sends <paramref name="text"/> and returns the bot's first new message once it is shown. A turn can
    /// answer with several messages; assert on the one that matters with an auto-waiting expectation.
    /// </summary>
    public async Task<ILocator> SendAndWaitForReplyAsync(string text, string? mention = null)
    {
        var before = await BotMessages.CountAsync();
        await SendAsync(text, mention);
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
        await CardButton(title, card).ClickAsync();

    /// <summary>
    /// Presses an Action.Execute button of the card in <paramref name="message"/> and returns that message once the
    /// bot's answer (an AdaptiveCardInvokeResponse) has replaced its card in place, as Teams shows it.
    /// </summary>
    public async Task<ILocator> PressCardButtonAndWaitForUpdateAsync(string title, ILocator message)
    {
        var card = message.Locator(".ac-adaptiveCard");
        var before = await card.InnerTextAsync();
        await PressCardButtonAsync(title, message);
        await Assertions.Expect(card).Not.ToHaveTextAsync(before);
        return message;
    }

    public ILocator CardButton(string title, ILocator? card = null) =>
        (card ?? LatestCard).GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    /// <summary>
    /// Saves the conversation pane as <c>{test}-{NN}-{moment}.png</c> in the run's screenshot folder and
    /// returns the path: the screenshots are how a reviewer sees the product without running it, so they
    /// show the chat, not the playground's sidebar and log panel. <paramref name="show"/> (say, a tall form)
    /// is scrolled into view, and the window is made tall enough for it for the moment of the shot.
    /// </summary>
    public async Task<string> ScreenshotAsync(string moment, ILocator? show = null) =>
        await SaveAsync(moment, show, wholePage: false);

    /// <summary>As <see cref="ScreenshotAsync"/>, but the whole window: the sidebar shows which conversation is open.</summary>
    public async Task<string> ScreenshotPageAsync(string moment, ILocator? show = null) =>
        await SaveAsync(moment, show, wholePage: true);

    private async Task<string> SaveAsync(string moment, ILocator? show, bool wholePage)
    {
        _screenshotNumber++;
        var name = string.Create(CultureInfo.InvariantCulture, $"{_screenshotPrefix}-{_screenshotNumber:00}-{moment}.png");
        var path = Path.Combine(_screenshotsDirectory, name);
        var viewport = Page.ViewportSize;
        var resized = false;
        if (show is not null)
        {
            // The messages scroll inside the pane; a card taller than the pane would be cut whatever is scrolled.
            var box = await show.BoundingBoxAsync();
            var needed = box is null ? 0 : (int)Math.Ceiling(box.Height) + PaneChrome;
            if (viewport is not null && needed > viewport.Height)
            {
                await Page.SetViewportSizeAsync(viewport.Width, Math.Min(needed, MaxScreenshotHeight));
                resized = true;
            }

            await show.ScrollIntoViewIfNeededAsync();
        }

        if (wholePage)
        {
            await Page.ScreenshotAsync(new() { Path = path });
        }
        else
        {
            await ChatPane.ScreenshotAsync(new() { Path = path });
        }

        if (resized)
        {
            await Page.SetViewportSizeAsync(viewport!.Width, viewport.Height);
        }

        return path;
    }

    public async ValueTask DisposeAsync()
    {
        // The whole window as the test left it: after a failure, that is the moment it failed, with the
        // playground's log panel; xunit does not tell a test's cleanup whether it passed.
        try
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{_screenshotPrefix}-99-end.png");
            await Page.ScreenshotAsync(new() { Path = Path.Combine(_screenshotsDirectory, name), Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // A page that cannot be photographed any more must not hide the test's own failure.
        }

        await _context.DisposeAsync();
    }
}
