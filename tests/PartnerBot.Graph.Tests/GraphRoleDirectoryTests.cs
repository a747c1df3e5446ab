using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.Domain.Staff;
using PartnerBot.Graph.Tests.Support;
using static PartnerBot.Graph.Tests.Support.GraphDirectoryHost;

namespace PartnerBot.Graph.Tests;

/// <summary>
/// The Graph role directory against a stand-in for Graph and Entra ID over HTTPS on 127.0.0.1: who gets which
/// role, what a guest gets, how it behaves when Graph throttles or is down, and when it asks again.
/// </summary>
public sealed class GraphRoleDirectoryTests : IDisposable
{
    private const string Alex = "00000000-0000-0000-0000-000000000020";
    private const string Adele = "00000000-0000-0000-0000-000000000022";
    private const string Patti = "00000000-0000-0000-0000-000000000024";
    private const string GdapSalesTeam = "b0000000-0000-4000-8000-00000000000a";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly GraphStandIn _graph;

    public GraphRoleDirectoryTests()
    {
        _graph = new GraphStandIn(_clock);
        _graph.Nest(GdapSalesTeam, SalesAgents);
        _graph.AddPerson(Alex, "Alex Wilber", groups: [GdapSalesTeam]);
        _graph.AddPerson(Adele, "Adele Vance", roleTemplateIds: ["88d8e3e3-8f55-4a1e-953a-9b9898b8876b", DirectoryRoles.GlobalAdministratorTemplateId]);
        _graph.AddPerson(Patti, "Patti Fernandez");
    }

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task A_sales_agent_through_a_nested_group_is_a_sales_agent_named_as_Entra_ID_names_them()
    {
        await using var host = Start(_graph, _clock);

        var alex = await host.Port.FindAsync(Member(Alex), RoleFreshness.Current, CancellationToken.None);

        Assert.NotNull(alex);
        Assert.Equal([PartnerRole.SalesAgent], alex.Roles);
        Assert.Equal("Alex Wilber", alex.DisplayName);
        Assert.Equal("alex.wilber@partner.example", alex.Email);
    }

    [Fact]
    public async Task A_global_admin_through_the_directory_role_on_a_later_page_is_a_global_admin()
    {
        await using var host = Start(_graph, _clock);

        var adele = await host.Port.FindAsync(Member(Adele), RoleFreshness.Current, CancellationToken.None);

        Assert.Equal([PartnerRole.GlobalAdmin], adele!.Roles);
        Assert.Equal(2, _graph.GraphCalls.Count(c => c.Path.Contains("transitiveMemberOf", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_person_in_no_group_and_no_role_is_known_by_name_with_no_role()
    {
        await using var host = Start(_graph, _clock);

        var patti = await host.Port.FindAsync(Member(Patti), RoleFreshness.Current, CancellationToken.None);

        Assert.Equal("Patti Fernandez", patti!.DisplayName);
        Assert.Empty(patti.Roles);
    }

    [Fact]
    public async Task Someone_the_directory_does_not_know_is_nobody()
    {
        await using var host = Start(_graph, _clock);

        Assert.Null(await host.Port.FindAsync(Member("00000000-0000-0000-0000-0000000000ff"), RoleFreshness.Current, CancellationToken.None));
    }

    [Fact]
    public async Task A_user_from_another_tenant_has_no_role_even_with_the_same_object_id_and_Graph_is_not_asked()
    {
        await using var host = Start(_graph, _clock);

        var guest = await host.Port.FindAsync(Member(Alex, tenant: "c0ffee00-0000-4000-8000-000000000000"), RoleFreshness.Current, CancellationToken.None);

        Assert.Null(guest);
        Assert.Empty(_graph.GraphCalls);
    }

    [Fact]
    public async Task A_guest_account_in_the_partner_tenant_has_no_role_even_in_the_sales_group()
    {
        const string guestId = "00000000-0000-0000-0000-0000000000ee";
        _graph.AddPerson(guestId, "Customer Guest", userType: "Guest", groups: [SalesAgents]);
        await using var host = Start(_graph, _clock);

        var guest = await host.Port.FindAsync(Member(guestId), RoleFreshness.Current, CancellationToken.None);

        Assert.Equal("Customer Guest", guest!.DisplayName);
        Assert.Empty(guest.Roles);
    }

    [Fact]
    public async Task More_than_20_groups_are_asked_in_batches_of_at_most_20()
    {
        var extra = Enumerable.Range(1, 25).Select(i => $"e0000000-0000-4000-8000-{i:D12}").ToList();
        var settings = extra.ToDictionary(id => $"Roles:Groups:Extra:{id}", _ => (string?)"HelpdeskAgent");
        _graph.AddPerson("00000000-0000-0000-0000-0000000000aa", "Extra Person", groups: [extra[23]]);
        await using var host = Start(_graph, _clock, settings);

        var person = await host.Port.FindAsync(Member("00000000-0000-0000-0000-0000000000aa"), RoleFreshness.Current, CancellationToken.None);

        Assert.Equal([PartnerRole.HelpdeskAgent], person!.Roles);
        var batches = _graph.GraphCalls.Where(c => c.Path.EndsWith("/checkMemberGroups", StringComparison.Ordinal)).Select(c => c.GroupCount.Single()).Order().ToList();
        Assert.Equal([8, 20], batches); // 25 extra + 3 standard groups
    }

    [Fact]
    public async Task The_token_is_acquired_once_and_reused_for_every_call()
    {
        await using var host = Start(_graph, _clock);

        foreach (var id in new[] { Alex, Adele, Patti, Alex })
        {
            await host.Port.FindAsync(Member(id), RoleFreshness.Current, CancellationToken.None);
        }

        Assert.Equal(1, _graph.TokenRequests);
        Assert.True(_graph.GraphCalls.Count >= 12);
    }

    [Fact]
    public async Task Throttled_with_Retry_After_the_lookup_waits_that_long_then_answers()
    {
        await using var host = Start(_graph, _clock);
        _graph.FailNext(429, TimeSpan.FromSeconds(3));

        var lookup = host.Port.FindAsync(Member(Alex), RoleFreshness.Current, CancellationToken.None);
        // Time moves only while the lookup waits to retry: once the retry has arrived the clock stands still,
        // so the budget's own timeout cannot fire because of this loop.
        while (!lookup.IsCompleted)
        {
            if (_graph.GraphCalls.Count == 1)
            {
                _clock.Advance(TimeSpan.FromMilliseconds(500));
            }

            await Task.WhenAny(lookup, Task.Delay(10));
        }

        var alex = await lookup;
        Assert.Equal([PartnerRole.SalesAgent], alex!.Roles);
        var calls = _graph.GraphCalls;
        Assert.Equal(calls[0].Path, calls[1].Path);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(3), $"retried after {calls[1].At - calls[0].At}, before Retry-After");
    }

    [Fact]
    public async Task When_Graph_stays_down_the_lookup_says_it_could_not_answer_rather_than_no_role()
    {
        await using var host = Start(_graph, _clock);
        _graph.Down = true;

        await Assert.ThrowsAsync<RoleDirectoryUnavailableException>(
            () => host.Port.FindAsync(Member(Alex), RoleFreshness.Current, CancellationToken.None));
        Assert.Equal(4, _graph.GraphCalls.Count); // the first try and three retries, then no more
        Assert.False(await host.Directory.AnswersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_removed_membership_counts_at_once_for_a_change_and_within_5_minutes_for_a_look()
    {
        await using var host = Start(_graph, _clock);
        Assert.Equal([PartnerRole.SalesAgent], (await host.Port.FindAsync(Member(Alex), RoleFreshness.RecentEnough, CancellationToken.None))!.Roles);

        _graph.RemoveFromGroup(Alex, GdapSalesTeam);

        Assert.Equal([PartnerRole.SalesAgent], (await host.Port.FindAsync(Member(Alex), RoleFreshness.RecentEnough, CancellationToken.None))!.Roles);
        // A conversation step's check asks Graph too: Graph has no read of this turn to answer from.
        Assert.Empty((await host.Port.FindAsync(Member(Alex), RoleFreshness.ThisTurn, CancellationToken.None))!.Roles);
        Assert.Empty((await host.Port.FindAsync(Member(Alex), RoleFreshness.Current, CancellationToken.None))!.Roles);

        // The fresh answer replaced the cached one; and a cached answer expires after 5 minutes anyway.
        Assert.Empty((await host.Port.FindAsync(Member(Alex), RoleFreshness.RecentEnough, CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task A_cached_role_is_asked_again_after_5_minutes()
    {
        await using var host = Start(_graph, _clock);
        await host.Port.FindAsync(Member(Alex), RoleFreshness.RecentEnough, CancellationToken.None);
        _graph.RemoveFromGroup(Alex, GdapSalesTeam);

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal([PartnerRole.SalesAgent], (await host.Port.FindAsync(Member(Alex), RoleFreshness.RecentEnough, CancellationToken.None))!.Roles);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty((await host.Port.FindAsync(Member(Alex), RoleFreshness.RecentEnough, CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task Readiness_says_the_directory_answers_when_Graph_does()
    {
        await using var host = Start(_graph, _clock);

        Assert.True(await host.Directory.AnswersAsync(CancellationToken.None));
    }

    [Fact]
    public void Without_the_partner_tenant_the_Entra_ID_directory_refuses_to_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(_graph)).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddGraphRoleDirectory(configuration, allowedTenantId: null));

        Assert.Contains("Teams:AllowedTenantId", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_named_by_display_name_instead_of_object_id_is_refused_at_start()
    {
        var settings = Settings(_graph);
        settings["Roles:Groups:SalesAgents"] = "SalesAgents";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddGraphRoleDirectory(configuration, GraphStandIn.TenantId));

        Assert.Contains("object id", failure.Message, StringComparison.Ordinal);
    }
}
