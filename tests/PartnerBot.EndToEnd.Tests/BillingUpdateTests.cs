using Microsoft.Playwright;
using PartnerBot.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// The main waterfall in the Teams-like client: find a Polish customer despite a typo, review the account,
/// edit its billing information past a validation error, confirm the diff, submit. Who submits decides
/// whether anything is written.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class BillingUpdateTests(PlaygroundFixture fixture)
{
    private const string Customer = "Zakłady Mięsne Kraśnik Sp. z o.o.";
    private const string Domain = "zmkrasnik.onmicrosoft.com";

    [EndToEndFact]
    public async Task A_sales_agent_updates_a_Polish_customers_e_mail_and_phone_past_a_validation_error()
    {
        await using var chat = await fixture.OpenChatAsync("sales-agent-update");

        // The demo data's values. Only this test writes to this customer, and every run has a fresh database.
        const string oldEmail = "bartlomiej.wrobel@zmkrasnik.pl";
        const string oldPhone = "+48 81 825 14 30";
        const string newEmail = "ksiegowosc@zmkrasnik.pl";
        const string newPhone = "+48 81 111 22 33";

        var form = await OpenBillingFormAsync(chat, screenshots: true);
        await Expect(chat.CardInput("Billing e-mail", form)).ToHaveValueAsync(oldEmail);
        await Expect(chat.CardInput("Phone number", form)).ToHaveValueAsync(oldPhone);

        // A postal code without its dash is wrong in Poland: the form comes back with the error right under
        // that field and what was typed kept.
        await chat.FillCardInputAsync("Billing e-mail", newEmail, form);
        await chat.FillCardInputAsync("Phone number", newPhone, form);
        await chat.FillCardInputAsync("Postal code", "23200", form);
        var again = await chat.PressCardButtonAndWaitForUpdateAsync("Review changes", form);
        await Expect(again).ToContainTextAsync($"Edit billing information: {Customer}");
        await Expect(again).ToContainTextAsync("Please correct the fields marked below.");
        var postalCode = chat.CardInput("Postal code", again);
        await Expect(postalCode).ToHaveValueAsync("23200");
        await Expect(postalCode.Locator("xpath=following::p[1]"))
            .ToHaveTextAsync("⚠ This is not a valid postal code for Poland. For example: 00-950");
        await Expect(chat.CardInput("Billing e-mail", again)).ToHaveValueAsync(newEmail);
        await Expect(chat.CardInput("Phone number", again)).ToHaveValueAsync(newPhone);
        await chat.ScreenshotAsync("validation-error", again);

        await chat.FillCardInputAsync("Postal code", "23-200", again);
        var confirm = await chat.PressCardButtonAndWaitForUpdateAsync("Review changes", again);
        await Expect(confirm).ToContainTextAsync($"Confirm changes: {Customer}");
        await Expect(confirm).ToContainTextAsync($"{oldEmail} → {newEmail}");
        await Expect(confirm).ToContainTextAsync($"{oldPhone} → {newPhone}");
        // Only what changes: the postal code was put back as it was.
        await Expect(confirm).Not.ToContainTextAsync("Postal code");
        await Expect(chat.CardButton("Confirm", confirm)).ToBeVisibleAsync();
        await Expect(chat.CardButton("Edit again", confirm)).ToBeVisibleAsync();
        await Expect(chat.CardButton("Cancel", confirm)).ToBeVisibleAsync();
        await chat.ScreenshotAsync("confirm-diff", confirm);

        // Said once, on the confirm card itself (the invoke's answer replaced it): read-only, so it cannot be pressed again.
        var done = await chat.PressCardButtonAndWaitForUpdateAsync("Confirm", confirm);
        await Expect(done).ToContainTextAsync($"Billing information updated: {Customer}");
        await Expect(done).ToContainTextAsync($"{oldEmail} → {newEmail}");
        await Expect(confirm).ToContainTextAsync("Submitted by Alex Wilber at");
        await Expect(confirm).ToContainTextAsync($"{oldPhone} → {newPhone}");
        // Scoped to the card: the message header has a menu button of its own.
        await Expect(confirm.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await chat.ScreenshotAsync("submitted", done);
    }

    [EndToEndFact]
    public async Task A_user_without_a_role_is_refused_at_the_first_step_and_sees_no_account_data()
    {
        await using var chat = await fixture.OpenChatAsync("no-role-refused", user: "patti");
        var welcome = chat.BotMessages.First;
        await Expect(welcome).ToContainTextAsync("Hi Patti Fernandez!");
        await Expect(welcome).ToContainTextAsync("You have no Partner Center role I know of");

        // Told at once: no customer choice, no account card, no form to fill in only to be refused.
        var refusal = await chat.SendAndWaitForReplyAsync("update zaklady miesne krasnk");
        await Expect(refusal).ToContainTextAsync(
            "You can't see customers' accounts: you have no Partner Center role. " +
            "Accounts can be seen by: Global admin, Admin agent, Sales agent, Helpdesk agent.");
        await Expect(refusal.Locator(".ac-adaptiveCard")).ToHaveCountAsync(0);
        await Expect(chat.ChatPane).Not.ToContainTextAsync(Customer);
        await chat.ScreenshotAsync("refused", refusal);
    }

    /// <summary>"update …" with a typo and no diacritics → Yes → the account card → Edit: returns the form's message.</summary>
    private static async Task<ILocator> OpenBillingFormAsync(ChatPage chat, bool screenshots)
    {
        var offer = await chat.SendAndWaitForReplyAsync("update zaklady miesne krasnk");
        await Expect(offer).ToContainTextAsync($"Did you mean {Customer} ({Domain})?");

        var account = await chat.PressCardButtonAndWaitForUpdateAsync("Yes", offer);
        await Expect(account).ToContainTextAsync($"Account: {Customer}");
        await Expect(account).ToContainTextAsync(Domain);
        await Expect(account).ToContainTextAsync("Billing information");
        await Expect(chat.CardButton("Edit billing information", account)).ToBeVisibleAsync();
        // Alex is a Sales agent: the card offers no purchase switch and says who may change it.
        await Expect(chat.CardButton("Change purchase permission", account)).ToHaveCountAsync(0);
        await Expect(account).ToContainTextAsync("Purchase permission can be changed by: Global admin, Admin agent.");
        await Expect(chat.CardButton("Done", account)).ToBeVisibleAsync();
        if (screenshots)
        {
            await chat.ScreenshotAsync("account-card", account);
        }

        var form = await chat.PressCardButtonAndWaitForUpdateAsync("Edit billing information", account);
        await Expect(form).ToContainTextAsync($"Edit billing information: {Customer}");
        await Expect(chat.CardButton("Review changes", form)).ToBeVisibleAsync();
        return form;
    }
}
