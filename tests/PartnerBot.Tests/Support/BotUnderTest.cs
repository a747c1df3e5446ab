using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Conversations;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Tests.Support;

/// <summary>
/// The real bot (PartnerTeamsBot running the main dialog and every conversation) on the SDK's TestAdapter,
/// over customers, roles and an audit log in memory. Each <see cref="SendAsync"/> is one turn; its replies
/// are what the user would see.
/// </summary>
internal sealed class BotUnderTest : IDisposable
{
    private readonly TestAdapter _adapter = TeamsActivities.Adapter();
    private readonly Lazy<PartnerTeamsBot> _bot;

    public BotUnderTest()
    {
        _bot = new Lazy<PartnerTeamsBot>(Build);
    }

    public InMemoryAccounts Customers { get; } = new();

    public InMemoryAuditLog Audit { get; } = new();

    public FakeRoleDirectory Roles { get; } = new();

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero));

    /// <summary>The bot itself, for tests that drive it with TestFlow.</summary>
    public IBot Bot => _bot.Value;

    /// <param name="timeZone">The IANA time zone Teams reports for the user; null sends none (the bot then shows UTC).</param>
    public UserSession As(ChannelAccount user, string locale = "en-US", string? timeZone = null) => new(this, user, locale, timeZone);

    public async Task<Replies> SendAsync(Activity activity)
    {
        await _adapter.ProcessActivityAsync(activity, _bot.Value.OnTurnAsync, CancellationToken.None);
        var replies = new List<IMessageActivity>();
        while (_adapter.GetNextReply() is IMessageActivity reply)
        {
            replies.Add(reply);
        }

        return new Replies(replies);
    }

    public void Dispose() => Customers.Dispose();

    private PartnerTeamsBot Build()
    {
        var policy = new RolePolicy();
        var authorization = new AccountAuthorization(Roles, policy, Clock);
        var rules = new NoCountryRules();
        var choice = new CustomerChoiceDialog(Customers);
        var billing = new BillingEditDialog(
            new BillingProfileValidator(rules), rules, new AccountUpdateService(authorization, Customers, Audit, Clock), Clock, NullLogger<BillingEditDialog>.Instance);
        var permission = new PurchasePermissionDialog(
            Customers,
            new PurchasePermissionService(authorization, Customers, Customers, Audit, Clock),
            policy,
            choice,
            Clock,
            NullLogger<PurchasePermissionDialog>.Instance);
        var history = new HistoryDialog(Customers, Audit, authorization, choice);
        var welcome = new Welcome(authorization);
        var main = new MainDialog(
            new RuleBasedIntentRecognizer(Customers), welcome, new AccountUpdateDialog(Customers, choice, billing), [permission, history]);
        return new PartnerTeamsBot(new DialogConversationState(new MemoryStorage()), main, welcome, NullLogger<PartnerTeamsBot>.Instance);
    }

    /// <summary>These conversations never validate an address; a billing edit here would find no rules.</summary>
    private sealed class NoCountryRules : ICountryRulesSource
    {
        public Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken) =>
            Task.FromResult<CountryValidationRules?>(null);
    }
}

/// <summary>One person in the chat, in their language: types words and presses the buttons of cards they were sent.</summary>
internal sealed class UserSession(BotUnderTest bot, ChannelAccount user, string locale, string? timeZone)
{
    public Task<Replies> SayAsync(string text)
    {
        var activity = TeamsActivities.Message(user, text, locale);
        activity.LocalTimezone = timeZone;
        return bot.SendAsync(activity);
    }

    /// <summary>Presses the button titled <paramref name="title"/> on the last card in <paramref name="replies"/> that has it.</summary>
    public Task<Replies> PressAsync(Replies replies, string title)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var (card, data) = replies.Button(title);
        return PressAsync(card, data);
    }

    /// <summary>Sends a button's data again, as a second press of an old card (or a replayed activity) would.</summary>
    public Task<Replies> PressAsync(IMessageActivity card, JObject data)
    {
        ArgumentNullException.ThrowIfNull(card);
        var activity = TeamsActivities.Submit(user, data, locale, replyToId: card.Id);
        activity.LocalTimezone = timeZone;
        return bot.SendAsync(activity);
    }
}

/// <summary>What the bot sent in one turn: texts and cards, read as a person reads them.</summary>
internal sealed class Replies(IReadOnlyList<IMessageActivity> activities)
{
    public IReadOnlyList<IMessageActivity> Activities { get; } = activities;

    /// <summary>Every text the user sees: message texts and the cards' texts, fact titles and values, button titles.</summary>
    public IReadOnlyList<string> Texts =>
        [.. Activities.SelectMany(a => (a.Text is { Length: > 0 } text ? [text] : Array.Empty<string>()).Concat(a.Attachments?.SelectMany(CardTexts) ?? []))];

    public string All => string.Join("\n", Texts);

    public bool HasCard => Activities.Any(a => a.Attachments?.Count > 0);

    public IReadOnlyList<string> Buttons =>
        [.. Activities.SelectMany(a => a.Attachments ?? []).SelectMany(att => Submits(Content(att))).Select(s => (string?)s["title"] ?? string.Empty)];

    public (IMessageActivity Card, JObject Data) Button(string title)
    {
        foreach (var activity in Activities.Reverse())
        {
            foreach (var attachment in activity.Attachments ?? [])
            {
                var submit = Submits(Content(attachment)).FirstOrDefault(s => (string?)s["title"] == title);
                if (submit is not null)
                {
                    return (activity, (JObject)submit["data"]!.DeepClone());
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"No button \"{title}\" in the replies. Buttons: {string.Join(", ", Buttons)}. Texts: {All}");
    }

    private static JObject Content(Attachment attachment) =>
        attachment.Content as JObject ?? JObject.FromObject(attachment.Content);

    private static IEnumerable<JObject> Submits(JToken card) =>
        card.SelectTokens("$..[?(@.type == 'Action.Submit')]").OfType<JObject>();

    private static IEnumerable<string> CardTexts(Attachment attachment) =>
        Content(attachment)
            .Descendants()
            .OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "value" && p.Value.Type == JTokenType.String)
            .Select(p => (string)p.Value!);
}
