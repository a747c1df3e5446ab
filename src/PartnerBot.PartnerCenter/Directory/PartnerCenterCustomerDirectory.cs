using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
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
/// Every write is recorded through the audit outbox: the intent before the call, completed after it; an intent
/// whose outcome stays unknown is left pending for <see cref="AuditOutboxReplay"/> to settle by reading.
/// </summary>
public sealed class PartnerCenterCustomerDirectory(
    PartnerCenterClient client,
    ICustomerSearchIndex index,
    CustomerMirrorSync mirror,
    IAuditOutbox outbox,
    PartnerCenterOptions options,
    TimeProvider clock,
    ILogger<PartnerCenterCustomerDirectory> logger)
    : ICustomerDirectory, ICustomerAccountWriter, ICountryRulesSource, IAddressValidator
{
    /// <summary>The reason code the domain uses for a purchase permission refused for want of an Azure plan.</summary>
    public const string NoAzurePlanReason = "NoAzurePlan";

    // A live prefix search runs only when the mirror found nothing, and must leave time for the rest of the turn.
    private static readonly TimeSpan LiveSearchBudget = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, (CountryValidationRules? Rules, DateTimeOffset FetchedAt)> _countryRules = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(query);
        var matches = await index.SearchAsync(query, top, cancellationToken).ConfigureAwait(false);
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
            return found.Count == 0 ? matches : await index.SearchAsync(query, top, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PartnerCenterException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Live Partner Center search failed; answering from the mirror: {Error}", ex.Message);
            return matches;
        }
    }

    public async Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
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
        AuthorizedAction authorization,
        string customerId,
        BillingProfile profile,
        string ifMatchEtag,
        string operationId,
        AuditEntry applied,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.EnsureFor(PartnerAction.UpdateBillingProfile);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(applied);

        // Before the call: if the process dies after Partner Center applied the change, the intent is still there to replay.
        await outbox.RecordIntentAsync(applied, cancellationToken).ConfigureAwait(false);
        try
        {
            var written = await client.ReplaceBillingProfileAsync(customerId, profile, ifMatchEtag, operationId, cancellationToken).ConfigureAwait(false);
            mirror.RequestRefresh();
            await CompleteAsync(applied, cancellationToken).ConfigureAwait(false);
            return new BillingProfileWriteResult(WriteStatus.Applied, written);
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.NotFound)
        {
            await DiscardAsync(applied).ConfigureAwait(false);
            return new BillingProfileWriteResult(WriteStatus.NotFound, null);
        }
        catch (PartnerCenterException ex) when (ex.Failure is PartnerCenterFailure.StaleEtag || MayHaveApplied(ex))
        {
            var current = await ReadBillingAfterAsync(ex, customerId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                // Cannot look now: the intent stays pending and the replay settles it by reading later.
                throw;
            }

            if (SameContent(current, profile))
            {
                // This very change is there. After a lost answer it was this call that applied it; after a stale
                // etag it was an earlier attempt of the same operation, whose own intent records it.
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Billing profile of {CustomerId} already holds the change (operation {OperationId}): not written again", customerId, operationId);
                }

                if (MayHaveApplied(ex))
                {
                    mirror.RequestRefresh();
                    await CompleteAsync(applied, cancellationToken).ConfigureAwait(false);
                    return new BillingProfileWriteResult(WriteStatus.Applied, current);
                }

                await DiscardAsync(applied).ConfigureAwait(false);
                return new BillingProfileWriteResult(WriteStatus.AlreadyApplied, current);
            }

            if (MayHaveApplied(ex))
            {
                // Not there as far as the profile shows, but a request still in flight might land: the intent stays
                // pending for the replay, and the user tries again with their edits kept.
                throw;
            }

            await DiscardAsync(applied).ConfigureAwait(false);
            return new BillingProfileWriteResult(WriteStatus.Conflict, current);
        }
        catch (PartnerCenterException)
        {
            // Refused before anything was applied (no relationship, MFA, throttled, a field refused): nothing to record here.
            await DiscardAsync(applied).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization, string customerId, bool allow, string operationId, AuditEntry applied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.EnsureFor(PartnerAction.ChangePurchasePermission);
        ArgumentNullException.ThrowIfNull(applied);
        await outbox.RecordIntentAsync(applied, cancellationToken).ConfigureAwait(false);
        try
        {
            var policy = await client.GetSelfServePolicyAsync(customerId, cancellationToken).ConfigureAwait(false);
            PurchasePermission now;
            if (!allow)
            {
                if (policy is not null)
                {
                    await client.DeleteSelfServePolicyAsync(policy.Id, operationId, cancellationToken).ConfigureAwait(false);
                }

                now = new PurchasePermission(false, null);
            }
            else
            {
                policy ??= await CreateOrFindAsync(customerId, operationId, cancellationToken).ConfigureAwait(false);
                if (!PartnerCenterClient.PurchaseResources.All(r => policy.Resources.Contains(r, StringComparer.OrdinalIgnoreCase)))
                {
                    policy = await client.UpdateSelfServePolicyAsync(policy, operationId, cancellationToken).ConfigureAwait(false);
                }

                now = new PurchasePermission(true, policy.Id);
            }

            await CompleteAsync(applied, cancellationToken).ConfigureAwait(false);
            return new PurchasePermissionWriteResult(WriteStatus.Applied, now);
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.NotFound)
        {
            await DiscardAsync(applied).ConfigureAwait(false);
            return new PurchasePermissionWriteResult(WriteStatus.NotFound, null);
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.InvalidInput && allow)
        {
            // Partner Center refuses the policy for a customer without an Azure plan bought through the partner.
            await DiscardAsync(applied).ConfigureAwait(false);
            return new PurchasePermissionWriteResult(WriteStatus.Rejected, new PurchasePermission(false, null), NoAzurePlanReason);
        }
        catch (PartnerCenterException ex) when (!MayHaveApplied(ex))
        {
            await DiscardAsync(applied).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Settles a pending intent left by a write whose outcome was unknown (a timeout, a crash between the call
    /// and the record) by reading what Partner Center holds now: Applied when it shows the change, otherwise Failed.
    /// Returns false when Partner Center cannot be asked now; the intent then stays pending.
    /// </summary>
    public async Task<bool> SettleAsync(AuditEntry pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        bool appliedNow;
        try
        {
            appliedNow = pending.Action switch
            {
                AuditAction.BillingProfileUpdate => HoldsChanges(
                    await client.GetBillingProfileAsync(pending.CustomerId, cancellationToken).ConfigureAwait(false), pending.Changes),
                AuditAction.PurchasePermissionChange => HoldsPermission(
                    await client.GetSelfServePolicyAsync(pending.CustomerId, cancellationToken).ConfigureAwait(false), pending.Changes),
                _ => false,
            };
        }
        catch (PartnerCenterException ex) when (ex.Failure == PartnerCenterFailure.NotFound)
        {
            appliedNow = false;
        }
        catch (PartnerCenterException ex)
        {
            logger.LogWarning("Pending change {EntryId} could not be checked in Partner Center now ({Failure}); it stays pending", pending.Id, ex.Failure);
            return false;
        }

        await outbox.CompleteAsync(
            pending.Id, appliedNow ? AuditOutcome.Applied : AuditOutcome.Failed, appliedNow ? null : NotAppliedReason, cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Pending change {EntryId} on {CustomerId} settled by reading Partner Center: {Outcome}", pending.Id, pending.CustomerId, appliedNow ? "applied" : "not applied");
        }

        return true;
    }

    public async Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        var key = countryCode.Trim();
        var now = clock.GetUtcNow();
        if (_countryRules.TryGetValue(key, out var cached) && now - cached.FetchedAt < options.CountryRulesCacheDuration)
        {
            return cached.Rules;
        }

        try
        {
            var rules = await client.GetCountryRulesAsync(key, cancellationToken).ConfigureAwait(false);
            _countryRules[key] = (rules, now);
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

    /// <summary>The audit reason of a pending change that the replay found not applied.</summary>
    public const string NotAppliedReason = "NotAppliedInPartnerCenter";

    // A lost answer, a broken connection after sending, a 5xx or an unreadable 2xx: the write may have landed.
    private static bool MayHaveApplied(PartnerCenterException ex) =>
        ex.Failure is PartnerCenterFailure.OutcomeUnknown or PartnerCenterFailure.MalformedResponse
            || (ex.Failure == PartnerCenterFailure.Unavailable && ex.StatusCode is >= 500 and not 503);

    // After a stale etag the profile must be read (the conflict card shows it); after a lost answer a failed
    // read leaves the question open (null), for the replay.
    private async Task<BillingProfile?> ReadBillingAfterAsync(PartnerCenterException failure, string customerId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetBillingProfileAsync(customerId, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerCenterException) when (MayHaveApplied(failure))
        {
            return null;
        }
    }

    private async Task CompleteAsync(AuditEntry applied, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.CompleteAsync(applied.Id, AuditOutcome.Applied, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is applied in Partner Center; the intent stays pending and the replay records it by reading.
            logger.LogWarning("Applied change {EntryId} could not be moved to the audit trail now ({Error}); the replay will", applied.Id, ex.GetType().Name);
        }
    }

    private async Task DiscardAsync(AuditEntry intended)
    {
        try
        {
            // Not the turn's token: a cancelled turn must still not leave a refused change pending.
            await outbox.DiscardAsync(intended.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left pending, the replay reads Partner Center and records it as not applied: honest, if one entry more.
            logger.LogWarning("Refused change {EntryId} could not be dropped from the outbox ({Error})", intended.Id, ex.GetType().Name);
        }
    }

    private static bool HoldsChanges(BillingProfile current, IReadOnlyList<FieldChange> changes) =>
        changes.All(change => Enum.TryParse<BillingProfileField>(change.Field, out var field)
            && string.Equals(Normalize(BillingChanges.ValueOf(current, field)), Normalize(change.NewValue), StringComparison.Ordinal));

    private static bool HoldsPermission(SelfServePolicy? policy, IReadOnlyList<FieldChange> changes) =>
        changes.Count > 0 && (policy is not null) == string.Equals(changes[^1].NewValue, PurchasePermissionService.Describe(true), StringComparison.Ordinal);

    private static string? Normalize(string? value) => string.IsNullOrEmpty(value) ? null : value;

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
