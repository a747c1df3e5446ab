using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;
using PartnerBot.Conversations;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Bots;

/// <summary>The card views a person's conversation sent in a group chat or channel, kept in their dialog state.</summary>
public sealed class SharedCardState
{
    /// <summary>The card whose buttons the conversation waits for; a press of any other is out of date.</summary>
    public string? Latest { get; set; }

    /// <summary>The last few cards as the person sees them now (each the JSON of its latest version), newest last.</summary>
    public List<SharedCardView> Views { get; set; } = [];
}

public sealed class SharedCardView
{
    public string Id { get; set; } = string.Empty;

    public string Card { get; set; } = string.Empty;

    /// <summary>The customer whose account the card shows, and that account's version then, so a refresh can tell it changed.</summary>
    public string? CustomerId { get; set; }

    public string? AccountVersion { get; set; }

    /// <summary>What the card shows of the customer (<see cref="SharedCardKinds"/>); none is an account card, as stored before kinds.</summary>
    public string? Kind { get; set; }

    /// <summary>A confirm card's change id, which its buttons carry: a card built again keeps it, so its buttons still answer.</summary>
    public string? ChangeId { get; set; }

    /// <summary>A purchase confirm card's direction.</summary>
    public bool? Allow { get; set; }

    /// <summary>A billing confirm card's proposed values (field and new value), compared again with the account as it is now.</summary>
    public List<FieldChange>? Changes { get; set; }
}

/// <summary>The kinds of card that show a customer's account, each built again from the account as it is now when refreshed.</summary>
public static class SharedCardKinds
{
    public const string Account = "account";
    public const string BillingForm = "billingForm";
    public const string BillingChanges = "billingChanges";
    public const string PurchaseState = "purchaseState";
    public const string PurchaseConfirm = "purchaseConfirm";
}

/// <summary>
/// Per-person views in group chats and channels (Universal Actions' user-specific views). Each card a person's
/// conversation sends there names its owner and itself in every button's data and carries <c>refresh</c> for the
/// owner alone, so Teams asks the bot for the owner's view. Before any dialog runs: a refresh is answered with the
/// card as its owner last saw it, built again from the current account when the customer changed meanwhile (for
/// anyone else: a read-only copy saying whose it is, or only whose it is to a person who may not view accounts); a
/// press by someone else, or by the owner on a card the conversation no longer waits for, is answered on that card
/// and never reaches a dialog.
/// A refresh only returns a card: it sends nothing and changes nothing.
/// </summary>
public sealed class SharedCardViews(
    DialogConversationState conversationState,
    AccountAuthorization authorization,
    StaffAccess access,
    ICustomerDirectory directory,
    ILogger<SharedCardViews> logger)
{
    public const string RefreshVerb = "refresh";
    public const string OwnerKey = "owner";
    public const string CardKey = "card";

    /// <summary>Display only: the note a colleague reads; never trusted for anything else.</summary>
    public const string OwnerNameKey = "ownerName";

    private const int ViewsKept = 3;

    /// <summary>Says that the card this turn sends next shows <paramref name="account"/>, so its owner's refresh re-reads it.</summary>
    public static void ShowsAccount(ITurnContext turnContext, CustomerAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        Shows(turnContext, new SharedCardView { Kind = SharedCardKinds.Account, CustomerId = account.CustomerId, AccountVersion = Version(account) });
    }

    /// <summary>Says that the card this turn sends next is the billing form of the profile <paramref name="reviewed"/>.</summary>
    public static void ShowsBillingForm(ITurnContext turnContext, string customerId, BillingProfile reviewed)
    {
        ArgumentNullException.ThrowIfNull(reviewed);
        Shows(turnContext, new SharedCardView { Kind = SharedCardKinds.BillingForm, CustomerId = customerId, AccountVersion = reviewed.Etag });
    }

    /// <summary>Says that the card this turn sends next asks to confirm <paramref name="changes"/> to the profile <paramref name="reviewed"/>.</summary>
    public static void ShowsBillingChanges(ITurnContext turnContext, string customerId, BillingProfile reviewed, IReadOnlyList<FieldChange> changes, string changeId)
    {
        ArgumentNullException.ThrowIfNull(reviewed);
        ArgumentNullException.ThrowIfNull(changes);
        Shows(turnContext, new SharedCardView
        {
            Kind = SharedCardKinds.BillingChanges,
            CustomerId = customerId,
            AccountVersion = reviewed.Etag,
            ChangeId = changeId,
            Changes = [.. changes.Select(c => new FieldChange(c.Field, null, c.NewValue))],
        });
    }

    /// <summary>
    /// Says that the card this turn sends next shows the purchase switch as <paramref name="isAllowed"/>: the state card, or
    /// with <paramref name="allow"/> and <paramref name="changeId"/> the card asking to confirm switching it.
    /// </summary>
    public static void ShowsPurchasePermission(
        ITurnContext turnContext, string customerId, bool isAllowed, bool hasAzurePlan, bool? allow = null, string? changeId = null) =>
        Shows(turnContext, new SharedCardView
        {
            Kind = allow is null ? SharedCardKinds.PurchaseState : SharedCardKinds.PurchaseConfirm,
            CustomerId = customerId,
            AccountVersion = PurchaseVersion(isAllowed, hasAzurePlan),
            Allow = allow,
            ChangeId = changeId,
        });

    private static void Shows(ITurnContext turnContext, SharedCardView source)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        TurnMemo.Of(turnContext).ShownCustomer = source;
    }

    // Buttons that start a conversation (the welcome card's, the customer summary card's): anyone may press them,
    // and they start the presser's own conversation.
    private static readonly HashSet<string> StartVerbs =
    [
        CardActions.UpdateAccount, CardActions.PurchasePermission, CardActions.History, CardActions.Help,
        CardActions.OpenCustomer, CardActions.EditCustomerBilling, CardActions.CustomerPurchasePermission,
    ];

    private readonly IStatePropertyAccessor<SharedCardState> _state = conversationState.CreateProperty<SharedCardState>("sharedCards");

    /// <summary>Whether the turn is in a group chat or channel with a sender to own the cards.</summary>
    public static bool Applies(ITurnContext turnContext) =>
        DialogConversationState.IsShared(turnContext?.Activity.Conversation) && !string.IsNullOrEmpty(turnContext!.Activity.From?.Id);

    /// <summary>
    /// Stamps the cards with buttons this turn sends as messages. Registered before <see cref="ConcurrentTurn"/> holds
    /// the replies, so what it remembers is saved with the turn; a card already stamped (sent again) is left as it is.
    /// </summary>
    public void StampMessages(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.OnSendActivities(async (context, activities, next) =>
        {
            foreach (var attachment in activities.Where(a => a.Type == ActivityTypes.Message).SelectMany(a => a.Attachments ?? []))
            {
                if (attachment.ContentType != AdaptiveCard.ContentType || attachment.Content is null)
                {
                    continue;
                }

                var card = CardAttachments.Tree(attachment.Content);
                if (card is null || !HasButtons(card) || card["refresh"] is not null)
                {
                    continue;
                }

                var id = Guid.NewGuid().ToString("N");
                Stamp(card, context.Activity.From, id);
                attachment.Content = card;
                await RememberAsync(context, id, card, latest: true, CancellationToken.None);
                TurnMemo.Of(context).StampedCard = true;
            }

            return await next();
        });
    }

    /// <summary>The answer to a press or refresh that must not reach the dialogs; null when the dialogs take it.</summary>
    public async Task<AdaptiveCardInvokeResponse?> AnswerBeforeDialogsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var press = turnContext.Activity;
        var verb = Pressed(press, UniversalAction.VerbProperty);
        var l = TurnLanguage.Of(turnContext);
        var owner = Pressed(press, OwnerKey);
        if (owner is null || !Applies(turnContext))
        {
            // Not a card of a shared conversation's person: a refresh has nothing to show, a press goes on as before.
            return verb == RefreshVerb ? Note(SharedTexts.OutOfDateCard.In(l)) : null;
        }

        if (verb is not null && StartVerbs.Contains(verb))
        {
            return null;
        }

        if (owner != turnContext.Activity.From.Id)
        {
            var name = Pressed(press, OwnerNameKey) is { Length: > 0 and <= 200 } named ? named : SharedTexts.SomeoneElse.In(l);
            // A refresh or a press: either way the colleague keeps reading the card, without buttons, and whose it is.
            var whose = SharedTexts.NotYourCard.Format(l, name);
            return CardActionReply.Answer(await ColleaguesViewAsync(turnContext, owner, Pressed(press, CardKey), whose, l, cancellationToken));
        }

        var state = await _state.GetAsync(turnContext, () => new SharedCardState(), cancellationToken);
        var cardId = Pressed(press, CardKey);
        var view = state.Views.Find(v => v.Id == cardId);
        var current = cardId is not null && cardId == state.Latest;
        if (verb == RefreshVerb)
        {
            if (view is null)
            {
                return Note(SharedTexts.OutOfDateCard.In(l));
            }

            var seen = JObject.Parse(view.Card);
            if (current && view.CustomerId is not null)
            {
                return CardActionReply.Answer(await RereadAsync(turnContext, view, seen, l, cancellationToken));
            }

            return CardActionReply.Answer(current || !HasButtons(seen) ? seen : Sealed(seen, SharedTexts.OutOfDateCard.In(l)));
        }

        if (current)
        {
            return null;
        }

        return view is null
            ? Note(SharedTexts.OutOfDateCard.In(l))
            : CardActionReply.Answer(Sealed(JObject.Parse(view.Card), SharedTexts.OutOfDateCard.In(l)));
    }

    /// <summary>
    /// After the dialogs answered a press: the answer becomes that card's owner view (stamped with the pressed card's
    /// id, or a new one for a card that had none) and, when it has buttons and nothing newer was sent, the card the
    /// conversation waits for.
    /// </summary>
    public async Task RememberAnswerAsync(ITurnContext turnContext, AdaptiveCardInvokeResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(response);
        if (!Applies(turnContext) || CardAttachments.Tree(response.Value) is not { } card)
        {
            return;
        }

        // Stamped below: the answer carries the tree (a card written as JSON is read into one here).
        response.Value = card;

        var press = turnContext.Activity;
        var id = Pressed(press, OwnerKey) == turnContext.Activity.From.Id && Pressed(press, CardKey) is { Length: > 0 and <= 64 } pressed
            ? pressed
            : Guid.NewGuid().ToString("N");
        Stamp(card, turnContext.Activity.From, id);
        var latest = HasButtons(card) && TurnMemo.Find(turnContext)?.StampedCard != true;
        await RememberAsync(turnContext, id, card, latest, cancellationToken);
    }

    /// <summary>One text of a Universal Action's data (nothing of a message), read without copying the data.</summary>
    private static string? Pressed(IActivity press, string key) =>
        UniversalAction.Property(press, key, StringComparison.Ordinal) is JValue { Type: JTokenType.String } text ? (string?)text : null;

    private async Task RememberAsync(ITurnContext turnContext, string id, JObject card, bool latest, CancellationToken cancellationToken)
    {
        var state = await _state.GetAsync(turnContext, () => new SharedCardState(), cancellationToken);
        state.Views.RemoveAll(v => v.Id == id);
        var memo = TurnMemo.Find(turnContext);
        var shown = memo?.ShownCustomer;
        if (memo is not null)
        {
            memo.ShownCustomer = null;
        }
        state.Views.Add(new SharedCardView
        {
            Id = id,
            Card = card.ToString(Newtonsoft.Json.Formatting.None),
            CustomerId = shown?.CustomerId,
            AccountVersion = shown?.AccountVersion,
            Kind = shown?.Kind,
            ChangeId = shown?.ChangeId,
            Allow = shown?.Allow,
            Changes = shown?.Changes,
        });
        if (latest)
        {
            state.Latest = id;
        }

        while (state.Views.Count > ViewsKept)
        {
            var oldest = state.Views.FindIndex(v => v.Id != state.Latest);
            state.Views.RemoveAt(oldest);
        }

        await _state.SetAsync(turnContext, state, cancellationToken);
    }

    /// <summary>
    /// The owner's card read again now: as it was when nothing changed; built again from the current account, saying
    /// "changed since you opened it", when someone changed the customer meanwhile (a form keeps what it showed, since
    /// what was typed into it is the client's, and says so). Only a card: the conversation keeps the version it
    /// reviewed, so a confirm pressed from the refreshed card still meets the changed etag at submit and its conflict.
    /// </summary>
    private async Task<JObject> RereadAsync(ITurnContext turnContext, SharedCardView view, JObject seen, UiLanguage l, CancellationToken cancellationToken)
    {
        var user = TurnIdentity.Sender(turnContext);
        if (user is null)
        {
            return seen;
        }

        var decision = await authorization.AuthorizeReadAsync(user, cancellationToken);
        if (decision.Read is null)
        {
            return CardActionReply.Content(AdaptiveCard.Saying([StaffAccess.ReadRefusal(decision, l)]));
        }

        if (await CurrentAsync(view, decision, l, cancellationToken) is not var (account, fresh))
        {
            // The card as last seen is still true to what the person read; the next refresh tries again.
            return seen;
        }

        if (account is null)
        {
            return Sealed(seen, AccountTexts.Gone.In(l));
        }

        if (VersionFor(view.Kind, account) == view.AccountVersion)
        {
            return seen;
        }

        var changed = fresh ?? (JObject)seen.DeepClone();
        var body = (JArray)changed["body"]!;
        body.Insert(1, NoticeJson(fresh is null ? SharedTexts.ChangedSinceFormOpened.In(l) : SharedTexts.ChangedSinceOpened.In(l)));
        if (fresh is not null)
        {
            Stamp(changed, turnContext.Activity.From, view.Id);
        }

        return changed;
    }

    /// <summary>
    /// What someone other than the card's owner sees on refreshing it or pressing one of its buttons: a read-only copy of the owner's card, built again
    /// from the account as it is now and in the reader's language where the card's kind allows, saying whose it is.
    /// Only that line for a person who may not view accounts, or when the owner's card is no longer kept.
    /// </summary>
    private async Task<JObject> ColleaguesViewAsync(ITurnContext turnContext, string owner, string? cardId, string whose, UiLanguage l, CancellationToken cancellationToken)
    {
        var onlyWhose = CardActionReply.Content(AdaptiveCard.Saying([whose]));
        var reader = TurnIdentity.Sender(turnContext);
        if (reader is null || cardId is null)
        {
            return onlyWhose;
        }

        var decision = await authorization.AuthorizeReadAsync(reader, cancellationToken);
        if (decision.Read is null || await OwnersViewAsync(turnContext, owner, cardId, cancellationToken) is not { } view)
        {
            return onlyWhose;
        }

        var seen = JObject.Parse(view.Card);
        if (view.CustomerId is null)
        {
            return Sealed(seen, whose);
        }

        return await CurrentAsync(view, decision, l, cancellationToken) switch
        {
            (null, _) => Sealed(seen, AccountTexts.Gone.In(l)),
            (_, { } fresh) => Sealed(fresh, whose),
            _ => Sealed(seen, whose),
        };
    }

    /// <summary>
    /// The owner's view <paramref name="cardId"/>, read from the owner's own record in this conversation (never saved
    /// from here); null when it is not kept or the record cannot be read.
    /// </summary>
    private async Task<SharedCardView?> OwnersViewAsync(ITurnContext turnContext, string owner, string cardId, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var asOwner = new Activity
        {
            Type = activity.Type,
            Id = activity.Id,
            ChannelId = activity.ChannelId,
            ServiceUrl = activity.ServiceUrl,
            Conversation = activity.Conversation,
            Recipient = activity.Recipient,
            From = new ChannelAccount(owner),
        };
        try
        {
            using var ownersTurn = new TurnContext(turnContext.Adapter, asOwner);
            await conversationState.LoadAsync(ownersTurn, force: true, cancellationToken);
            var state = await _state.GetAsync(ownersTurn, () => new SharedCardState(), cancellationToken);
            return state.Views.Find(v => v.Id == cardId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not read a card owner's views for a colleague's refresh");
            return null;
        }
    }

    /// <summary>
    /// The card of <paramref name="view"/> built from the customer's account as it is now, for the reader of
    /// <paramref name="decision"/>: (null, null) when the customer is gone; a null card for a kind that is not built
    /// again (the form); null when the directory did not answer.
    /// </summary>
    private async Task<(CustomerAccount? Account, JObject? Card)?> CurrentAsync(
        SharedCardView view, AuthorizationDecision decision, UiLanguage l, CancellationToken cancellationToken)
    {
        CustomerAccount? account;
        try
        {
            account = await directory.GetAccountAsync(decision.Read!, view.CustomerId!, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not re-read customer {CustomerId} for a card refresh", view.CustomerId);
            return null;
        }

        if (account is null)
        {
            return (null, null);
        }

        var may = access.Permissions(decision.HeldRoles);
        var name = account.Billing.CompanyName;
        PurchasePermissionView Purchase(bool mayChange) =>
            new(name, account.PurchasePermission.IsAllowed, account.HasAzurePlan, may.PurchaseRoles, l, mayChange);
        var card = view.Kind switch
        {
            null or SharedCardKinds.Account => AccountCard.Build(account, may, l),
            SharedCardKinds.BillingChanges when view.ChangeId is { } changeId => ChangesCards.ConfirmCard(
                new ChangesView(name, ChangesFromNow(account, view.Changes ?? []), l), changeId),
            SharedCardKinds.PurchaseState => PurchasePermissionCards.StateCard(Purchase(may.MayChangePurchasePermission)),
            SharedCardKinds.PurchaseConfirm when view.ChangeId is { } changeId && view.Allow is { } allow =>
                PurchasePermissionCards.ConfirmCard(Purchase(mayChange: true), allow, changeId),
            _ => null,
        };
        return (account, card is null ? null : CardActionReply.Content(card));
    }

    /// <summary>The proposed values against the account's current ones: what confirming would change now.</summary>
    private static List<FieldChange> ChangesFromNow(CustomerAccount account, IEnumerable<FieldChange> proposed) =>
    [
        .. proposed
            .Select(p => Enum.TryParse<BillingProfileField>(p.Field, out var field)
                ? new FieldChange(p.Field, BillingChanges.ValueOf(account.Billing, field), p.NewValue)
                : null)
            .OfType<FieldChange>()
            .Where(c => !string.Equals(Normalized(c.OldValue), Normalized(c.NewValue), StringComparison.Ordinal)),
    ];

    private static string? Normalized(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The version a card of <paramref name="kind"/> depends on: billing cards on the profile's etag, purchase cards on the switch.</summary>
    private static string VersionFor(string? kind, CustomerAccount account) => kind switch
    {
        SharedCardKinds.BillingForm or SharedCardKinds.BillingChanges => account.Billing.Etag,
        SharedCardKinds.PurchaseState or SharedCardKinds.PurchaseConfirm => PurchaseVersion(account.PurchasePermission.IsAllowed, account.HasAzurePlan),
        _ => Version(account),
    };

    private static string PurchaseVersion(bool isAllowed, bool hasAzurePlan) => $"{isAllowed}|{hasAzurePlan}";

    private static JObject NoticeJson(string text) => (JObject)CardActionReply.Content(new AdaptiveCard { Body = [Container.Notice(text)] })["body"]![0]!;

    private static string Version(CustomerAccount account) => $"{account.Billing.Etag}|{account.PurchasePermission.IsAllowed}";

    /// <summary>Names the owner and the card in every button's data, and asks Teams to refresh the card for the owner alone.</summary>
    private static void Stamp(JObject card, ChannelAccount owner, string id)
    {
        var ids = new JObject { [OwnerKey] = owner.Id, [OwnerNameKey] = owner.Name ?? string.Empty, [CardKey] = id };
        card["refresh"] = new JObject
        {
            ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = RefreshVerb, ["data"] = ids.DeepClone() },
            ["userIds"] = new JArray(owner.Id),
        };
        foreach (var action in Buttons(card).ToList())
        {
            var data = action["data"] as JObject ?? [];
            data.Merge(ids);
            action["data"] = data;
        }
    }

    /// <summary>The card without its buttons, saying <paramref name="note"/>: what a card the conversation no longer waits for shows.</summary>
    private static JObject Sealed(JObject card, string note)
    {
        var copy = (JObject)card.DeepClone();
        copy.Remove("actions");
        copy.Remove("refresh");
        foreach (var set in copy.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "ActionSet").ToList())
        {
            set.Remove();
        }

        // A selectable container (a customer to choose) is a button too.
        foreach (var select in copy.Descendants().OfType<JProperty>().Where(p => p.Name == "selectAction").ToList())
        {
            select.Remove();
        }

        var body = copy["body"] as JArray ?? [];
        body.Add(new JObject { ["type"] = "TextBlock", ["text"] = note, ["wrap"] = true, ["spacing"] = "medium" });
        copy["body"] = body;
        return copy;
    }

    private static AdaptiveCardInvokeResponse Note(string text) => CardActionReply.Answer(CardActionReply.Content(AdaptiveCard.Saying([text])));

    private static bool HasButtons(JObject card) => Buttons(card).Any();

    private static IEnumerable<JObject> Buttons(JObject card) =>
        card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "Action.Execute" && !IsRefresh(o));

    private static bool IsRefresh(JObject action) => action.Parent is JProperty { Name: "action" } p && p.Parent?.Parent is JProperty { Name: "refresh" };
}
