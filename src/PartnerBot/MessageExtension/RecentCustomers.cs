using Microsoft.Bot.Builder;
using PartnerBot.Bots;
using PartnerBot.Hosting;

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
/// (BotState:ExpireAfter), so "recent" never outlives a week without use. Read and saved by its stored document
/// (<see cref="StateDocuments"/>), as the dialogs' state is, not by the SDK's Newtonsoft hash.
/// </summary>
public sealed class RecentCustomersState(IStorage storage, DialogBotStateFormat format, TimeProvider clock, ILogger<RecentCustomersState> logger)
    : BotState(storage, ContextServiceKey)
{
    public const string Property = "recentCustomers";

    // Where BotState caches this state in a turn's TurnState.
    private const string ContextServiceKey = nameof(RecentCustomersState);

    private readonly StateDocuments _documents = new(storage, format);
    private IStatePropertyAccessor<RecentCustomerList>? _list;

    /// <summary>The person's list, read in this turn.</summary>
    public IStatePropertyAccessor<RecentCustomerList> List => _list ??= CreateProperty<RecentCustomerList>(Property);

    /// <summary>
    /// Puts the customer first in the sender's recent customers (the compose-box search's first view) and saves the
    /// list at once: it is a convenience beside the turn, not part of it, so a save that loses a race with the same
    /// person's other turn (which wrote the list itself) or meets a store fault is logged and the turn goes on.
    /// </summary>
    public async Task RememberAsync(ITurnContext turnContext, string customerId, string companyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        try
        {
            var recent = await List.GetAsync(turnContext, () => new RecentCustomerList(), cancellationToken);
            recent.Use(customerId, companyName, clock.GetUtcNow());
            await SaveChangesAsync(turnContext, false, cancellationToken);
        }
        catch (ArgumentException)
        {
            // The storage's etag conflict: the same person's other turn saved the list first. An expected race
            // (several presses at once), not a fault, so no exception in the log.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Customer {CustomerId} was not added to the person's recent customers: another of their turns saved the list first", customerId);
            }
        }
        catch (Exception ex) when (ex is TimeoutException or PartnerBot.Data.StoreUnavailableException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not remember customer {CustomerId} among the person's recent customers", customerId);
        }
    }

    public override async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && GetCachedState(turnContext)?.State is not null)
        {
            return;
        }

        var bag = await _documents.ReadAsync(GetStorageKey(turnContext), cancellationToken);

        // BotState's cache of the bag, without the Newtonsoft hash its constructor would take (LoadedStateCache).
        turnContext.TurnState[ContextServiceKey] = LoadedStateCache.Over(bag);
    }

    public override async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (GetCachedState(turnContext)?.State is { } bag)
        {
            await _documents.SaveAsync(GetStorageKey(turnContext), bag, force, cancellationToken);
        }
    }

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
