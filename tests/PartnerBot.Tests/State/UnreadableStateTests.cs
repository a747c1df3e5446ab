using Microsoft.Bot.Schema;
using PartnerBot.Dialogs;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.State;

/// <summary>
/// A stored conversation the bot cannot read (damaged, left by the old Newtonsoft format, of another version,
/// holding a record this build does not know): a short reset in the user's language, the document kept aside,
/// and the next message works; "cancel" and "start over" too.
/// </summary>
public sealed class UnreadableStateTests : IAsyncLifetime
{
    // The ask has a typo ("krasnk") so the bot first asks "did you mean", the step these tests press on:
    // an exact name would open the account at once.
    private static readonly Dictionary<string, (string Ask, string Yes, string Edit, string Reset, string Account)> Words = new()
    {
        ["en-US"] = ("update zaklady miesne krasnk", "Yes", "Edit billing information",
            "Sorry, I couldn't read where we were in our conversation, so let's start again.", "Account: Zakłady Mięsne Kraśnik Sp. z o.o."),
        ["pl-PL"] = ("zmień dane Zakłady Mięsne Krasnk", "Tak", "Edytuj informacje rozliczeniowe",
            "Przepraszam, nie udało mi się odczytać, na czym skończyliśmy rozmowę, więc zacznijmy od nowa.", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o."),
    };

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>What a saved conversation looks like after each kind of damage, made from the real saved document.</summary>
    public static TheoryData<string, string> Damage()
    {
        var data = new TheoryData<string, string>();
        foreach (var locale in Words.Keys)
        {
            foreach (var kind in new[] { "garbage bytes", "truncated JSON", "old Newtonsoft $type format", "unknown schema version", "unknown record name", "not a state document", "a prompt that kept its whole card" })
            {
                data.Add(kind, locale);
            }
        }

        return data;
    }

    private static string Damaged(string kind, string saved) => kind switch
    {
        "garbage bytes" => "\u0000\u00ff\u00fe\u0001binary\u0007",
        "truncated JSON" => saved[..(saved.Length / 2)],
        // What the previous build stored for the same point of the conversation (TypeNameHandling.All).
        "old Newtonsoft $type format" => """
            {"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib","DialogState":{"$type":"PartnerBot.Dialogs.DialogState, PartnerBot.Dialogs","dialogStack":{"$type":"System.Collections.Generic.List`1[[PartnerBot.Dialogs.DialogInstance, PartnerBot.Dialogs]], System.Private.CoreLib","$values":[{"$type":"PartnerBot.Dialogs.DialogInstance, PartnerBot.Dialogs","id":"MainDialog","version":"MainDialog/3","state":{"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib","stepIndex":1}}]}},"ETag":"3f2a"}
            """,
        "unknown schema version" => saved.Replace($"{{\"v\":{DialogStateDocument.SchemaVersion},", "{\"v\":99,", StringComparison.Ordinal),

        // What builds before prompt card sources stored at the same point (schema version 1): the prompt kept the
        // account card itself (shortened here to one text block, one button and one choice).
        "a prompt that kept its whole card" => """
            {"v":1,"properties":{"DialogState":{"$stack":[{"id":"MainDialog","version":"MainDialog","state":{"dialogs":{"$stack":[{"id":"AccountUpdateDialog","version":"AccountUpdateDialog","state":{"dialogs":{"$stack":[{"id":"accountReview","version":"accountReview","state":{"options":{"$prompt":{"prompt":{"type":"message","attachmentLayout":"list","inputHint":"acceptingInput","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.5","body":[{"type":"TextBlock","text":"Account: Zakłady Mięsne Kraśnik Sp. z o.o.","size":"large","weight":"bolder","wrap":true}],"actions":[{"type":"Action.Execute","verb":"editBilling","associatedInputs":"none","title":"Edit billing information","style":"positive"}]}}],"entities":[]},"retryPrompt":{"type":"message","text":"Choose *Edit billing information*, *Change purchase permission* or *Done*.","inputHint":"acceptingInput","attachments":[],"entities":[]},"choices":[{"value":"editBilling","title":"Edit billing information","synonyms":["edit","edytuj","zmien","change billing","billing","rozliczenia"]}],"maxAttempts":3}},"attemptCount":0}},{"id":"AccountUpdateDialog.steps","version":"AccountUpdateDialog.steps/3","state":{"options":{"$record":"account-update/options","data":{"customerQuery":"zaklady miesne krasnk","openForm":false,"viewOnly":false}},"values":{"$map":{"customer":{"$record":"billing-edit/state","data":{"customerId":"0b22b084-d3aa-5ecf-99f3-573c5d621197","customerName":"Zakłady Mięsne Kraśnik Sp. z o.o.","reviewed":{"companyName":"Zakłady Mięsne Kraśnik Sp. z o.o.","firstName":"Bartłomiej","lastName":"Wróbel","email":"bartlomiej.wrobel@zmkrasnik.pl","culture":"pl-PL","language":"pl","defaultAddress":{"addressLine1":"ul. Lubelska 48","city":"Kraśnik","postalCode":"23-200","country":"PL","phoneNumber":"+48 81 825 14 30"},"etag":"00a675a053664686a6522dece8f59f37"},"skipForm":false,"resubmit":false}}}},"stepIndex":1}}]}}},{"id":"MainDialog.steps","version":"MainDialog.steps/2","state":{"options":null,"values":{"$map":{}},"stepIndex":0}}]}}}]}}}
            """,
        "unknown record name" => saved.Replace("\"$record\":\"account-update/options\"", "\"$record\":\"account-update/options-from-the-future\"", StringComparison.Ordinal),
        "not a state document" => "[1,2,3]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task Unreadable_state_resets_politely_in_the_users_language_keeps_the_document_aside_and_the_next_message_works(string kind, string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, w.Yes, locale: locale));
        var saved = (await stored.DocumentAsync())!;
        var damaged = Damaged(kind, saved);
        Assert.NotEqual(saved, damaged);
        await stored.ReplaceDocumentAsync(damaged);

        // The press of the card shown before the damage: a short reset, and the press is still answered.
        var replies = await chat.PressAsync(People.Alex, account, w.Edit, locale: locale);

        // Both on the pressed card: the reset, then the answer to the press.
        var answer = Assert.Single(replies);
        Assert.StartsWith(w.Reset, answer.Text, StringComparison.Ordinal);
        Assert.Equal(2, answer.Text.Split('\n').Length);
        Assert.DoesNotContain(replies, r => (r.Text ?? string.Empty).Contains("Reference", StringComparison.Ordinal) || (r.Text ?? string.Empty).Contains("Identyfikator", StringComparison.Ordinal));
        var (reference, document, problem) = Assert.Single(await stored.QuarantinedAsync());
        Assert.Equal(damaged, document);
        Assert.Matches("^[0-9a-f]{12}$", reference);
        Assert.DoesNotContain("Kraśnik", problem, StringComparison.Ordinal);

        // And the conversation works again, from the start.
        var again = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));
        Assert.Contains(w.Account, CardReader.Text(Assert.Single(await chat.PressAsync(People.Alex, again, w.Yes, locale: locale))), StringComparison.Ordinal);
        Assert.Single(await stored.QuarantinedAsync());
    }

    [Theory]
    [InlineData("cancel", "en-US", "Sorry, I couldn't read where we were", "There's nothing to cancel.")]
    [InlineData("anuluj", "pl-PL", "Przepraszam, nie udało mi się odczytać", "Nie ma czego anulować.")]
    [InlineData("start over", "en-US", "Sorry, I couldn't read where we were", null)]
    [InlineData("od nowa", "pl-PL", "Przepraszam, nie udało mi się odczytać", null)]
    public async Task Cancel_and_start_over_work_on_a_conversation_whose_state_cannot_be_read(string words, string locale, string reset, string? answer)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));
        Assert.Single(await chat.PressAsync(People.Alex, offer, w.Yes, locale: locale));
        await stored.ReplaceDocumentAsync("{\"v\":1,\"properties\":{\"DialogState\":{\"$stack\":[{\"id\":");

        var replies = await chat.SayAsync(People.Alex, words, locale);

        Assert.StartsWith(reset, replies[0].Text, StringComparison.Ordinal);
        var after = Assert.Single(replies.Skip(1));
        if (answer is null)
        {
            Assert.True(CardReader.IsCard(after), "start over shows the welcome card");
        }
        else
        {
            Assert.Equal(answer, after.Text);
        }

        Assert.Single(await stored.QuarantinedAsync());
        Assert.Contains("Zakłady Mięsne Kraśnik", CardReader.Text(Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale))), StringComparison.Ordinal);
    }
}
