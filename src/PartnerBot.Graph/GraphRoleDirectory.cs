using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Staff;
using Polly.Timeout;

namespace PartnerBot.Graph;

/// <summary>What the Graph role directory needs beyond the HTTP client: whose users count, which groups give which role.</summary>
public sealed record GraphRoleSettings(string AllowedTenantId, IReadOnlyDictionary<string, PartnerRole> GroupRoles, TimeSpan CacheDuration);

/// <summary>
/// Partner roles from the partner's own Entra ID through Microsoft Graph (app-only): Admin, Sales and Helpdesk
/// agent are transitive membership of configured groups (checkMemberGroups), Global and Billing admin are
/// directory roles matched by role template id. The welcome card and reads may reuse an answer for a few
/// minutes; a check before a write always asks Graph, so a removal counts at once. When Graph cannot
/// answer, the lookup throws <see cref="RoleDirectoryUnavailableException"/>: it never guesses.
/// </summary>
public sealed partial class GraphRoleDirectory(
    HttpClient http, GraphRoleSettings settings, TimeProvider clock, ILogger<GraphRoleDirectory> logger) : IRoleDirectory
{
    /// <summary>Graph accepts at most 20 group ids in one checkMemberGroups call.</summary>
    internal const int MaxGroupIdsPerCall = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, CachedLookup> _recent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A lookup by object id alone, always fresh. Without the tenant only Graph's own scoping applies (an id
    /// from another tenant is not found in the partner's directory).
    /// </summary>
    public Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        return LookUpAsync(aadObjectId, cancellationToken);
    }

    public async Task<StaffMember?> FindAsync(PartnerUser user, RoleFreshness freshness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);

        // Roles belong to the partner's own staff: anyone whose activity comes from another tenant has none.
        if (!string.Equals(user.TenantId, settings.AllowedTenantId, StringComparison.OrdinalIgnoreCase))
        {
            LogOtherTenant(logger, user.TenantId);
            return null;
        }

        if (freshness == RoleFreshness.RecentEnough
            && _recent.TryGetValue(user.AadObjectId, out var cached)
            && clock.GetUtcNow() - cached.At < settings.CacheDuration)
        {
            return cached.Member;
        }

        return await LookUpAsync(user.AadObjectId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For /readyz: Graph answers this app with a token (one user is enough to prove both).</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("users?$top=1&$select=id", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (IsGraphFailure(ex, cancellationToken))
        {
            LogUnavailable(logger, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    private async Task<StaffMember?> LookUpAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        // An object id is letters, digits and dashes; anything else (a non-Teams channel's "29:..." id) is
        // nobody in Entra ID, and never becomes part of a Graph path.
        if (aadObjectId.Length == 0 || !aadObjectId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        var id = aadObjectId;
        StaffMember? member;
        try
        {
            member = await LookUpGraphAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsGraphFailure(ex, cancellationToken))
        {
            // The message names the status or the exception type only: never a token, never Graph's text to a user.
            LogUnavailable(logger, ex.GetType().Name, ex.Message);
            throw new RoleDirectoryUnavailableException("Microsoft Graph could not tell the person's roles.", ex);
        }

        _recent[id] = new CachedLookup(member, clock.GetUtcNow());
        return member;
    }

    private async Task<StaffMember?> LookUpGraphAsync(string id, CancellationToken cancellationToken)
    {
        var user = await GetUserAsync(id, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var name = user.DisplayName ?? user.UserPrincipalName ?? id;
        var email = user.Mail ?? user.UserPrincipalName;

        // A guest (B2B) account in the partner tenant belongs to someone from another organization: no partner role.
        if (string.Equals(user.UserType, "Guest", StringComparison.OrdinalIgnoreCase))
        {
            return new StaffMember(id, name, email, []);
        }

        var fromGroups = GroupRolesAsync(id, cancellationToken);
        var fromDirectory = DirectoryRolesAsync(id, cancellationToken);
        await Task.WhenAll(fromGroups, fromDirectory).ConfigureAwait(false);
        var roles = (await fromGroups.ConfigureAwait(false)).Concat(await fromDirectory.ConfigureAwait(false)).Distinct().Order().ToList();
        return new StaffMember(id, name, email, roles);
    }

    private async Task<GraphUser?> GetUserAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            new Uri($"users/{id}?$select=displayName,mail,userPrincipalName,userType", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        // 404: no such user; 400: Graph's answer to an id that is not an object id at all. Either way, nobody.
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        EnsureAnswered(response, "user");
        return await response.Content.ReadFromJsonAsync<GraphUser>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("Graph sent an empty user.");
    }

    /// <summary>Transitive membership of the configured groups, asked in calls of at most 20 ids (Graph's limit).</summary>
    private async Task<IReadOnlyList<PartnerRole>> GroupRolesAsync(string id, CancellationToken cancellationToken)
    {
        var groupIds = settings.GroupRoles.Keys.ToList();
        var calls = groupIds.Chunk(MaxGroupIdsPerCall).Select(batch => CheckMemberGroupsAsync(id, batch, cancellationToken)).ToList();
        var answers = await Task.WhenAll(calls).ConfigureAwait(false);
        return [.. answers.SelectMany(a => a)
            .Select(groupId => settings.GroupRoles.TryGetValue(groupId, out var role) ? role : (PartnerRole?)null)
            .OfType<PartnerRole>()];
    }

    private async Task<IReadOnlyList<string>> CheckMemberGroupsAsync(string id, string[] groupIds, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            new Uri($"users/{id}/checkMemberGroups", UriKind.Relative), new { groupIds }, Json, cancellationToken).ConfigureAwait(false);
        EnsureAnswered(response, "checkMemberGroups");
        var answer = await response.Content.ReadFromJsonAsync<GraphCollection<string>>(Json, cancellationToken).ConfigureAwait(false);
        return answer?.Value ?? [];
    }

    /// <summary>Directory roles held directly or through a role-assignable group, all pages.</summary>
    private async Task<IReadOnlyList<PartnerRole>> DirectoryRolesAsync(string id, CancellationToken cancellationToken)
    {
        var roles = new List<PartnerRole>();
        var next = new Uri(http.BaseAddress!, $"users/{id}/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId");
        while (next is not null)
        {
            using var response = await http.GetAsync(next, cancellationToken).ConfigureAwait(false);
            EnsureAnswered(response, "transitiveMemberOf");
            var page = await response.Content.ReadFromJsonAsync<GraphCollection<GraphDirectoryRole>>(Json, cancellationToken).ConfigureAwait(false);
            roles.AddRange((page?.Value ?? []).Select(r => DirectoryRoles.FromTemplateId(r.RoleTemplateId)).OfType<PartnerRole>());
            next = page?.NextLink is { Length: > 0 } link ? SameGraph(new Uri(link)) : null;
        }

        return roles;
    }

    /// <summary>The bearer token goes to Graph only: a next link elsewhere is a failure, not a place to follow.</summary>
    private Uri SameGraph(Uri link) =>
        http.BaseAddress is { } root && root.IsBaseOf(link)
            ? link
            : throw new HttpRequestException("Graph's next link points outside Graph.");

    private static void EnsureAnswered(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Graph answered {(int)response.StatusCode} to {call}.", null, response.StatusCode);
        }
    }

    private static bool IsGraphFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException or AuthenticationFailedException or CredentialUnavailableException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Information, Message = "No partner role for a user of tenant {TenantId}: roles come from the partner tenant only")]
    private static partial void LogOtherTenant(ILogger logger, string? tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph could not answer a role lookup ({Failure}: {Detail})")]
    private static partial void LogUnavailable(ILogger logger, string failure, string detail);

    private sealed record CachedLookup(StaffMember? Member, DateTimeOffset At);

    private sealed record GraphUser(string? DisplayName, string? Mail, string? UserPrincipalName, string? UserType);

    private sealed record GraphDirectoryRole(string? RoleTemplateId);

    private sealed record GraphCollection<T>(
        IReadOnlyList<T>? Value,
        [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
}
