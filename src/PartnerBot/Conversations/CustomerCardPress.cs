using Microsoft.Bot.Schema;
using PartnerBot.Cards;
using PartnerBot.Domain.Language;

namespace PartnerBot.Conversations;

/// <summary>
/// A press of the customer summary card's buttons (<see cref="CustomerSummaryCard"/>): whoever presses starts their
/// own conversation on that customer, as if they had typed the request with the customer already chosen. The id
/// is only a name to look up: the conversation reads the account with the presser's role checked at that moment.
/// </summary>
public static class CustomerCardPress
{
    /// <summary>Longer than any customer id the directory holds; a longer one is forged and not looked up.</summary>
    private const int MaxIdLength = 100;

    /// <summary>Whether the activity presses one of the summary card's buttons (well formed or not).</summary>
    public static bool Is(IActivity activity) =>
        CardSubmit.Action(activity) is CardActions.OpenCustomer or CardActions.EditCustomerBilling or CardActions.CustomerPurchasePermission;

    /// <summary>The conversation the press asks for; null when it is not such a press or carries no usable id.</summary>
    public static ConversationStart? Start(IActivity activity)
    {
        var value = CardSubmit.Value(activity);
        var customerId = CardSubmit.Read(value, CardActions.CustomerIdKey)?.Trim();
        if (string.IsNullOrEmpty(customerId) || customerId.Length > MaxIdLength)
        {
            return null;
        }

        return CardSubmit.Meaning(value) switch
        {
            CardActions.OpenCustomer => new ConversationStart(Intent.None, CustomerId: customerId),
            CardActions.EditCustomerBilling => new ConversationStart(Intent.UpdateAccount, CustomerId: customerId),
            CardActions.CustomerPurchasePermission => new ConversationStart(Intent.AskPurchaseState, CustomerId: customerId),
            _ => null,
        };
    }
}
