using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Conversations;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.MessageExtension;

/// <summary>
/// The search-based message extension: a person types a customer's name or domain in the compose box, gets
/// the same search as the conversations, and inserts an account summary card. Every answer is read with the
/// person's view role checked at that moment; a person who may not view accounts gets an explanation, never data.
/// </summary>
public sealed class CustomerSearchExtension(
    AccountAuthorization authorization,
    ICustomerDirectory directory,
    RecentCustomersState recentState,
    TimeProvider clock,
    ILogger<CustomerSearchExtension> logger)
{
    /// <summary>The manifest's command id (deploymentTemplates/teams-app/manifest.json).</summary>
    public const string CommandId = "findCustomer";

    private const string InitialRunParameter = "initialRun";
    private const int DefaultCount = 10;
    private const int MaxCount = 25;

    // Teams gives a message extension 5 s for the whole answer. The details in each result line (city,
    // purchase permission) are read within this budget; a line whose details are late shows without them.
    private static readonly TimeSpan DetailsBudget = TimeSpan.FromSeconds(2.5);

    // The search itself may wait for a customer index still loading after a restart (SqliteCustomerDirectory.IndexLoadWait);
    // a compose-box answer later than Teams' 5 s is lost, so a slower search says "try again" within this.
    private static readonly TimeSpan SearchBudget = TimeSpan.FromSeconds(2);

    public async Task<MessagingExtensionResponse> QueryAsync(ITurnContext turnContext, MessagingExtensionQuery? query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var l = TurnLanguage.Of(turnContext);
        if (!string.Equals(query?.CommandId, CommandId, StringComparison.Ordinal))
        {
            return Message(MessageExtensionTexts.UnknownCommand.In(l));
        }

        var (read, refusal) = await ReadAccessAsync(turnContext, l, cancellationToken);
        if (read is null)
        {
            return Message(refusal!);
        }

        var text = TurnLanguage.Utterance(SearchText(query)?.Trim() ?? string.Empty);
        var skip = Math.Max(0, query!.QueryOptions?.Skip ?? 0);
        var count = Math.Clamp(query.QueryOptions?.Count ?? DefaultCount, 1, MaxCount);

        IReadOnlyList<CustomerMatch> matches;
        try
        {
            if (text.Length == 0 || IsInitialRun(query))
            {
                // The first view, before anything is typed: the customers this person used lately.
                var recent = await recentState.List.GetAsync(turnContext, () => new RecentCustomerList(), cancellationToken);
                if (recent.Customers.Count == 0)
                {
                    return Message(MessageExtensionTexts.NoRecentCustomers.In(l));
                }

                matches = [.. recent.Customers.Skip(skip).Take(count).Select(c => new CustomerMatch(c.CustomerId, c.CompanyName, string.Empty, 1))];
            }
            else
            {
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                budget.CancelAfter(SearchBudget);
                matches = [.. (await directory.SearchAsync(read, text, skip + count, budget.Token)).Skip(skip)];
                if (matches.Count == 0 && skip == 0)
                {
                    return Message(MessageExtensionTexts.NothingFound.Format(l, text));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The compose-box search could not read the customer list.");
            return Message((ex is CustomerListLoadingException ? MessageExtensionTexts.CustomerListLoading : MessageExtensionTexts.DirectoryUnavailable).In(l));
        }

        var accounts = await DetailsAsync(read, matches, cancellationToken);
        var attachments = new List<MessagingExtensionAttachment>(matches.Count);
        for (var i = 0; i < matches.Count; i++)
        {
            // A recent customer is remembered by id and name only; its domain comes with its details.
            var match = accounts[i] is { } account ? matches[i] with { Domain = account.Company.Domain } : matches[i];
            var preview = CustomerSummaryCard.Preview(match, accounts[i], l).ToAttachment();
            attachments.Add(new MessagingExtensionAttachment
            {
                ContentType = preview.ContentType,
                Content = preview.Content,
                Preview = preview,
            });
        }

        return new MessagingExtensionResponse
        {
            ComposeExtension = new MessagingExtensionResult { Type = "result", AttachmentLayout = "list", Attachments = attachments },
        };
    }

    /// <summary>
    /// The person picked a result: the account summary card, read now with their role checked, goes into the
    /// conversation. The result's tap carried the customer's id only; nothing else from it is trusted.
    /// </summary>
    public async Task<MessagingExtensionResponse> SelectItemAsync(ITurnContext turnContext, JObject? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var l = TurnLanguage.Of(turnContext);
        var (read, refusal) = await ReadAccessAsync(turnContext, l, cancellationToken);
        if (read is null)
        {
            return Message(refusal!);
        }

        var customerId = value?[CustomerSummaryCard.SelectItemKey] is JValue { Type: JTokenType.String } id ? (string?)id : null;
        if (string.IsNullOrWhiteSpace(customerId) || customerId.Length > 100)
        {
            return Message(MessageExtensionTexts.CustomerGone.In(l));
        }

        CustomerAccount? account;
        try
        {
            account = await directory.GetAccountAsync(read, customerId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The compose-box search could not read customer {CustomerId}.", customerId);
            return Message(MessageExtensionTexts.DirectoryUnavailable.In(l));
        }

        if (account is null)
        {
            return Message(MessageExtensionTexts.CustomerGone.In(l));
        }

        await recentState.RememberAsync(turnContext, account.CustomerId, account.Billing.CompanyName, cancellationToken);
        var card = CustomerSummaryCard.Build(account, read.User.DisplayName, clock.GetUtcNow(), l).ToAttachment();
        return new MessagingExtensionResponse
        {
            ComposeExtension = new MessagingExtensionResult
            {
                Type = "result",
                AttachmentLayout = "list",
                Attachments = [new MessagingExtensionAttachment { ContentType = card.ContentType, Content = card.Content }],
            },
        };
    }

    private async Task<(AuthorizedRead? Read, string? Refusal)> ReadAccessAsync(ITurnContext turnContext, UiLanguage l, CancellationToken cancellationToken)
    {
        var user = TurnIdentity.Sender(turnContext);
        if (user is null)
        {
            return (null, MessageExtensionTexts.NotStaff.In(l));
        }

        var decision = await authorization.AuthorizeReadAsync(user, cancellationToken);
        if (decision.Read is { } read)
        {
            return (read, null);
        }

        return (null, StaffAccess.ReadRefusal(decision, l));
    }

    /// <summary>Each match's account, read side by side within the budget; null where it was late, failed or gone.</summary>
    private async Task<CustomerAccount?[]> DetailsAsync(AuthorizedRead read, IReadOnlyList<CustomerMatch> matches, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(DetailsBudget);
        var reads = matches.Select(async m =>
        {
            try
            {
                return await directory.GetAccountAsync(read, m.CustomerId, budget.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug(ex, "No details for customer {CustomerId} in the compose-box search.", m.CustomerId);
                }

                return null;
            }
        });
        return await Task.WhenAll(reads);
    }

    private static string? Parameter(MessagingExtensionQuery? query, string name) =>
        query?.Parameters?.FirstOrDefault(p => string.Equals(p?.Name, name, StringComparison.OrdinalIgnoreCase))?.Value switch
        {
            string s => s,
            JValue v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };

    /// <summary>
    /// The typed words: the command's one parameter ("query" in the manifest). Any name is accepted, because
    /// a manifest edited by an admin may rename it and the search must not silently go blank.
    /// </summary>
    private static string? SearchText(MessagingExtensionQuery? query) =>
        query?.Parameters?.FirstOrDefault(p => p is not null && !string.Equals(p.Name, InitialRunParameter, StringComparison.OrdinalIgnoreCase)) is { } parameter
            ? Parameter(query, parameter.Name)
            : null;

    private static bool IsInitialRun(MessagingExtensionQuery query) =>
        string.Equals(Parameter(query, InitialRunParameter), "true", StringComparison.OrdinalIgnoreCase);

    private static MessagingExtensionResponse Message(string text) =>
        new() { ComposeExtension = new MessagingExtensionResult { Type = "message", Text = text } };
}
