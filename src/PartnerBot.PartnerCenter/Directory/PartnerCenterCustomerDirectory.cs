using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;
using PartnerBot.PartnerCenter.Api;

namespace PartnerBot.PartnerCenter.Directory;

/// <summary>
/// Partner Center as the system of record, behind the same ports as the embedded store. Searches are
/// answered from the local mirror (Partner Center searches by prefix only); reads and writes go to the API.
/// A write whose outcome is unknown (a timeout, a lost connection) or that comes back "stale etag" is resolved
/// by reading the profile: if it already holds what was asked, it was applied; a write is never sent twice blindly.
/// </summary>
public sealed class PartnerCenterCustomerDirectory(
    PartnerCenterClient client,
    ICustomerSearchIndex index,
    CustomerMirrorSync mirror,
    PartnerCenterOptions options,
    TimeProvider clock,
    ILogger<PartnerCenterCustomerDirectory> logger)
    : ICustomerDirectory, ICustomerAccountWriter, ICountryRulesSource, IAddressValidator
{
    /// <summary>The reason code the domain uses for a purchase permission refused for want of an Azure plan.</summary>
    public const string NoAzurePlanReason = "NoAzurePlan";

    // A live prefix search runs only when the mirror found nothing, and must leave time for the rest of the turn.
    private static readonly TimeSpan LiveSearchBudget = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, (CountryValidationRules? Rules, DateTimeOffset FetchedAt)> countryRules = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<CustomerMatch>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = index.Search(query, top);
        if (matches.Count > 0 || string.IsNullOrWhiteSpace(query))
        {
            return matches;
        }

        // Nothing in the mirror: the customer may be new since the last refresh. Ask Partner Center by prefix
        // now (it finds a correctly typed start of the name), and refresh the whole mirror in the background.
        mirror.RequestRefresh();
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(LiveSearchBudget);
            var field = query.Contains('.', StringComparison.Ordinal) ? "Domain" : "CompanyName";
            var found = await client.SearchCustomersAsync(field, query.Trim(), Math.Max(top, 10), budget.Token).ConfigureAwait(false);
            await mirror.AddFoundAsync(found, cancellationToken).ConfigureAwait(false);
            return found.Count == 0 ? matches : index.Search(query, top);
        }
        catch (Exception ex) when (ex is PartnerCenterException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Live Partner Center search failed; answering from the mirror: {Error}", ex.Message);
            return matches;
        }
    }

    public async Task<CustomerAccount?> GetAccountAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var customerTask = client.GetCustomerAsync(customerId, cancellationToken);
        var policyTask = client.GetSelfServePolicyAsync(customerId, cancellationToken);
        var companyTask = client.GetCompanyProfileAsync(customerId, cancellationToken);
        var customer = await customerTask.ConfigureAwait(false);
        if (customer is null)
        {
            await Task.WhenAll(Quietly(policyTask), Quietly(companyTask)).ConfigureAwait(false);
            return null;
        }

        var billing = customer.Billing ?? await client.GetBillingProfileAsync(customerId, cancellationToken).ConfigureAwait(false);
        var policy = await policyTask.ConfigureAwait(false);
        CompanyProfile company;
        try
        {
            company = await companyTask.ConfigureAwait(false);
        }
        catch (PartnerCenterException ex)
        {
            // The company profile only adds the registration number to what the customer record has: show the
            // account without it rather than not at all.
            logger.LogWarning("Company profile of {CustomerId} unavailable ({Failure}); showing the customer record's", customerId, ex.Failure);
            company = customer.Company;
        }

        // Partner Center itself decides whether the customer has an Azure plan when the policy is created
        // (a refusal becomes "no Azure plan"), so the bot does not guess it from subscriptions.
        return new CustomerAccount(customer.Id, company, billing, HasAzurePlan: true, new PurchasePermission(policy is not null, policy?.Id));
    }

    public async Task<BillingProfileWriteResult> ReplaceBillingProfileAsync(
        AuthorizedAction authorization, string customerId, BillingProfile profile, string ifMatchEtag, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.EnsureFor(PartnerAction.UpdateBillingProfile);
        ArgumentNullException.ThrowIfNull(profile);
        try
        {
            var written = await client.ReplaceBillingProfileAsync(customerId, profile, ifMatchEtag, operationId, cancellationToken).ConfigureAwait(false);
            mirror.RequestRefresh();
            return new BillingProfileWriteResult(WriteStatus.Applied, written);
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.NotFound)
        {
            return new BillingProfileWriteResult(WriteStatus.NotFound, null);
        }
        catch (PartnerCenterException ex) when (ex.Failure is PartnerCenterFailure.StaleEtag or PartnerCenterFailure.OutcomeUnknown)
        {
            var current = await client.GetBillingProfileAsync(customerId, cancellationToken).ConfigureAwait(false);
            if (SameContent(current, profile))
            {
                // This very change is already there: an earlier attempt (or a replay of this one) applied it.
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Billing profile of {CustomerId} already holds the change (operation {OperationId}): not written again", customerId, operationId);
                }

                return new BillingProfileWriteResult(ex.Failure == PartnerCenterFailure.OutcomeUnknown ? WriteStatus.Applied : WriteStatus.AlreadyApplied, current);
            }

            if (ex.Failure == PartnerCenterFailure.OutcomeUnknown)
            {
                // Not applied, as far as the profile shows; the user tries again with their edits kept.
                throw;
            }

            return new BillingProfileWriteResult(WriteStatus.Conflict, current);
        }
    }

    public async Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization, string customerId, bool allow, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.EnsureFor(PartnerAction.ChangePurchasePermission);
        try
        {
            var policy = await client.GetSelfServePolicyAsync(customerId, cancellationToken).ConfigureAwait(false);
            if (!allow)
            {
                if (policy is not null)
                {
                    await client.DeleteSelfServePolicyAsync(policy.Id, operationId, cancellationToken).ConfigureAwait(false);
                }

                return new PurchasePermissionWriteResult(WriteStatus.Applied, new PurchasePermission(false, null));
            }

            policy ??= await CreateOrFindAsync(customerId, operationId, cancellationToken).ConfigureAwait(false);
            if (!PartnerCenterClient.PurchaseResources.All(r => policy.Resources.Contains(r, StringComparer.OrdinalIgnoreCase)))
            {
                policy = await client.UpdateSelfServePolicyAsync(policy, operationId, cancellationToken).ConfigureAwait(false);
            }

            return new PurchasePermissionWriteResult(WriteStatus.Applied, new PurchasePermission(true, policy.Id));
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.NotFound)
        {
            return new PurchasePermissionWriteResult(WriteStatus.NotFound, null);
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.InvalidInput && allow)
        {
            // Partner Center refuses the policy for a customer without an Azure plan bought through the partner.
            return new PurchasePermissionWriteResult(WriteStatus.Rejected, new PurchasePermission(false, null), NoAzurePlanReason);
        }
    }

    public async Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        var key = countryCode.Trim();
        var now = clock.GetUtcNow();
        if (countryRules.TryGetValue(key, out var cached) && now - cached.FetchedAt < options.CountryRulesCacheDuration)
        {
            return cached.Rules;
        }

        try
        {
            var rules = await client.GetCountryRulesAsync(key, cancellationToken).ConfigureAwait(false);
            countryRules[key] = (rules, now);
            return rules;
        }
        catch (PartnerCenterException) when (cached.FetchedAt != default)
        {
            // Yesterday's rules are better than none while Partner Center is unavailable.
            return cached.Rules;
        }
    }

    public Task<AddressValidation> ValidateAsync(Address address, CancellationToken cancellationToken) =>
        client.ValidateAddressAsync(address, cancellationToken);

    private async Task<SelfServePolicy> CreateOrFindAsync(string customerId, string operationId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CreateSelfServePolicyAsync(customerId, operationId, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerCenterException ex) when (ex.Failure is PartnerCenterFailure.AlreadyExists or PartnerCenterFailure.OutcomeUnknown)
        {
            // 409: someone (or an earlier attempt of this request) created it meanwhile; a lost answer: look.
            return await client.GetSelfServePolicyAsync(customerId, cancellationToken).ConfigureAwait(false)
                ?? throw new PartnerCenterException(PartnerCenterFailure.Unavailable, errorCode: "PolicyNotFoundAfterCreate");
        }
    }

    private static bool SameContent(BillingProfile current, BillingProfile wanted) =>
        current with { Etag = "" } == wanted with { Etag = "" };

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The customer does not exist; what the side calls said about it no longer matters.
        }
    }
}
