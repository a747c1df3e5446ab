using Microsoft.Bot.Builder;
using PartnerBot.Bots;

namespace PartnerBot.MessageExtension;

/// <summary>A customer a person opened or shared, newest first in <see cref="RecentCustomerList"/>.</summary>
public sealed record RecentCustomer(string CustomerId, string CompanyName, DateTimeOffset UsedAt);

/// <summary>The customers a person used lately, kept in bot state under the person's id (the same store as the dialogs).</summary>
public sealed class RecentCustomerList
{
    /// <summary>Enough to fill the search's first page; older ones fall off.</summary>
    public const int Capacity = 10;

    public List<RecentCustomer> Customers { get; set; } = [];

    public void Use(string customerId, string companyName, DateTimeOffset at)
    {
        Customers.RemoveAll(c => string.Equals(c.CustomerId, customerId, StringComparison.OrdinalIgnoreCase));
        Customers.Insert(0, new RecentCustomer(customerId, companyName, at));
        if (Customers.Count > Capacity)
        {
            Customers.RemoveRange(Capacity, Customers.Count - Capacity);
        }
    }
}

/// <summary>
/// Per-person bot state for the compose-box search: one document per Teams user, not per conversation,
/// because the search runs in whatever chat the person is typing in. It expires like the dialogs' state
/// (BotState:ExpireAfter), so "recent" never outlives a week without use.
/// </summary>
public sealed class RecentCustomersState(IStorage storage) : BotState(storage, nameof(RecentCustomersState))
{
    public const string Property = "recentCustomers";

    protected override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var channelId = turnContext.Activity.ChannelId
            ?? throw new InvalidOperationException("The activity has no channelId.");
        var person = TurnIdentity.Sender(turnContext)
            ?? throw new InvalidOperationException("The activity does not say who sent it.");
        return $"{channelId}/users/{person.AadObjectId}/recent-customers";
    }
}
