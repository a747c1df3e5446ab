using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Benchmarks.Baseline;

/// <summary>
/// Counts the turns of each conversation in ConversationState and answers every message with the same 2 KB card
/// (a form with inputs and buttons, the size of PartnerBot's account card), so the benchmark presses buttons on it
/// just as it does on PartnerBot's cards.
/// </summary>
public sealed class BaselineBot(ConversationState conversationState) : ActivityHandler
{
    private readonly IStatePropertyAccessor<TurnCounter> _counter = conversationState.CreateProperty<TurnCounter>("turns");

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var counter = await _counter.GetAsync(turnContext, () => new TurnCounter(), cancellationToken);
        counter.Turns++;
        counter.LastText = turnContext.Activity.Text;
        var card = BaselineCard.Create(counter.Turns);
        var reply = MessageFactory.Attachment(new Attachment { ContentType = BaselineCard.ContentType, Content = card });
        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    public sealed class TurnCounter
    {
        public int Turns { get; set; }

        public string? LastText { get; set; }
    }
}

/// <summary>A 2 KB Adaptive Card 1.5: a heading, facts, six pre-filled inputs, two buttons.</summary>
public static class BaselineCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JObject Create(int turn)
    {
        var facts = new JArray();
        foreach (var (title, value) in new[]
        {
            ("Tenant id", "8f0c2d4e-5a1b-4c3d-9e8f-7a6b5c4d3e2f"), ("Domain", "contoso-baseline.onmicrosoft.com"),
            ("Registration number", "PL5213870274"), ("Tenant name", "Contoso Baseline Sp. z o.o."),
            ("Culture", "pl-PL"), ("Language", "pl"), ("Purchase permission", "Allowed"),
        })
        {
            facts.Add(new JObject { ["title"] = title, ["value"] = value });
        }

        var body = new JArray
        {
            new JObject { ["type"] = "TextBlock", ["text"] = "Account: Contoso Baseline Sp. z o.o.", ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JObject { ["type"] = "TextBlock", ["text"] = "Turn " + turn.ToString(CultureInfo.InvariantCulture), ["isSubtle"] = true },
            new JObject { ["type"] = "FactSet", ["facts"] = facts },
        };
        foreach (var (id, label, value) in new[]
        {
            ("billing.FirstName", "First name", "Katarzyna"), ("billing.LastName", "Last name", "Wiśniewska"),
            ("billing.Email", "Billing e-mail", "faktury@contoso-baseline.pl"), ("billing.PhoneNumber", "Phone", "+48 22 555 01 23"),
            ("billing.AddressLine1", "Address", "ul. Marszałkowska 142 lok. 5"), ("billing.PostalCode", "Postal code", "00-061"),
        })
        {
            body.Add(new JObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label, ["value"] = value, ["maxLength"] = 200 });
        }

        return new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = new JArray
            {
                new JObject { ["type"] = "Action.Submit", ["title"] = "Review changes", ["data"] = new JObject { ["action"] = "review" } },
                new JObject { ["type"] = "Action.Submit", ["title"] = "Cancel", ["data"] = new JObject { ["action"] = "cancel" }, ["associatedInputs"] = "none" },
            },
        };
    }
}
