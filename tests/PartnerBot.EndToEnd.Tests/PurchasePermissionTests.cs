using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerBot.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// An admin lets a customer buy its own Azure reservations and savings plans, in plain words: in the
/// personal chat, and in a group chat where the bot is @mentioned. Both as Megan Bowen (Admin agent), so
/// the playground is restarted for her once.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PurchasePermissionTests(PlaygroundFixture fixture)
{
    private const string Admin = "megan";

    [EndToEndFact]
    public async Task An_admin_allows_Contoso_to_buy_its_own_products_in_Polish_words()
    {
        await using var chat = await fixture.OpenChatAsync("permission-personal", user: Admin);
        await Expect(chat.BotMessages.First).ToContainTextAsync("I see you as: Admin agent");

        // The playground always sends locale en-US, and the bot answers in the activity's language; the
        // Polish words are understood all the same. The name is exact, so no "did you mean".
        var confirm = await chat.SendAndWaitForReplyAsync("zezwól Contoso na samodzielne zakupy");
        await ExpectConfirmCardAsync(chat, confirm, "Contoso Ltd");
        await chat.ScreenshotAsync("confirm", confirm);

        var done = await chat.PressCardButtonAndWaitForUpdateAsync("Allow purchases", confirm);
        await Expect(done).ToContainTextAsync(
            "Done: Contoso Ltd may now buy its own Azure reservations and savings plans. They are billed to you.");
        await ExpectSubmittedAsync(confirm, "Contoso Ltd");
        await chat.ScreenshotAsync("applied", done);

        // Asked again, the bot shows the switch on, and offers the way back.
        var state = await chat.SendAndWaitForReplyAsync("can Contoso buy reservations?");
        await Expect(state).ToContainTextAsync("Purchase permission: Contoso Ltd");
        // A fact's title and value are separate cells.
        await Expect(state).ToContainTextAsync(new Regex(@"Allow customer to purchase\s*On"));
        await Expect(chat.CardButton("Turn off purchases", state)).ToBeVisibleAsync();
        var closing = await chat.PressCardButtonAndWaitForUpdateAsync("Done", state);
        await Expect(closing).ToContainTextAsync("OK, nothing was changed.");
    }

    [EndToEndFact]
    public async Task An_admin_allows_a_customer_to_buy_in_a_group_chat_by_mentioning_the_bot()
    {
        const string groupChat = "Contoso account team";
        await using var chat = await fixture.OpenChatAsync("permission-group-chat", user: Admin);
        await chat.OpenConversationAsync(groupChat);

        var offer = await chat.SendAndWaitForReplyAsync("allow Adventure Works to buy its own products", mention: "PartnerBot");
        // The mention shows in the sent message as in Teams; the bot read the words after it.
        await Expect(chat.UserMessages.Last).ToContainTextAsync("PartnerBot allow Adventure Works to buy its own products");
        await Expect(offer).ToContainTextAsync("Did you mean Adventure Works Cycles (adventureworks.onmicrosoft.com)?");
        var confirm = await chat.PressCardButtonAndWaitForUpdateAsync("Yes", offer);
        await ExpectConfirmCardAsync(chat, confirm, "Adventure Works Cycles");

        var done = await chat.PressCardButtonAndWaitForUpdateAsync("Allow purchases", confirm);
        await Expect(done).ToContainTextAsync("Done: Adventure Works Cycles may now buy its own Azure reservations and savings plans.");
        await ExpectSubmittedAsync(confirm, "Adventure Works Cycles");

        // The personal chat's preview shows none of it: this happened in the group chat (the group chat's own
        // preview names the last message only as "Send a card", since the answer replaced a card in place).
        await Expect(chat.Page.GetByRole(AriaRole.Treeitem, new() { Name = "Personal Chat", Exact = true }))
            .Not.ToContainTextAsync("Adventure Works");
        await chat.ScreenshotPageAsync("group-chat-applied", done);
    }

    /// <summary>The confirm card: the state now, the switch old → new, what it means, and the two buttons.</summary>
    private static async Task ExpectConfirmCardAsync(ChatPage chat, ILocator confirm, string customer)
    {
        await Expect(confirm).ToContainTextAsync($"Purchase permission: {customer}");
        await Expect(confirm).ToContainTextAsync($"Allow {customer} to buy its own Azure reservations and savings plans?");
        await Expect(confirm).ToContainTextAsync("Off → On");
        await Expect(confirm).ToContainTextAsync("What the switch means");
        await Expect(confirm).ToContainTextAsync("You, the partner, are billed for what they buy and are not notified of it.");
        await Expect(chat.CardButton("Allow purchases", confirm)).ToBeVisibleAsync();
        await Expect(chat.CardButton("Cancel", confirm)).ToBeVisibleAsync();
    }

    /// <summary>The confirm card after submit, replaced in place by the press's answer: who did it, the new state, no buttons.</summary>
    private static async Task ExpectSubmittedAsync(ILocator confirm, string customer)
    {
        await Expect(confirm).ToContainTextAsync($"Purchases allowed: {customer}");
        await Expect(confirm).ToContainTextAsync("Submitted by Megan Bowen at");
        // Scoped to the card: the message header has a menu button of its own.
        await Expect(confirm.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }
}
