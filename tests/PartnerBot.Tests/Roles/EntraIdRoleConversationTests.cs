using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Graph;
using PartnerBot.Graph.Tests.Support;
using PartnerBot.Testing;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Roles;

/// <summary>
/// Conversations with roles from the partner's Entra ID (Roles:Provider=EntraId), the real composition with
/// the Graph role directory over a stand-in for Graph and Entra ID on 127.0.0.1: the welcome names the role the
/// groups give, a change asks Graph at submit (a removal counts at once), and when Graph cannot answer the
/// change is refused, said in the user's language and recorded.
/// </summary>
public sealed class EntraIdRoleConversationTests : IAsyncLifetime, IDisposable
{
    private const string AdminAgents = "a0000000-0000-4000-8000-000000000001";
    private const string SalesAgents = "a0000000-0000-4000-8000-000000000002";
    private const string HelpdeskAgents = "a0000000-0000-4000-8000-000000000003";
    private const string GdapAdmins = "b0000000-0000-4000-8000-00000000000b";
    private static readonly string Contoso = DemoData.CustomerIdFor("contoso.onmicrosoft.com");

    private GraphStandIn _graph = null!;
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _graph = new GraphStandIn();
        // The demo staff table still says Alex is a Sales agent and Patti has no role: Entra ID says otherwise
        // here, so a pass shows the roles came from Graph.
        _graph.Nest(GdapAdmins, AdminAgents);
        _graph.AddPerson(DemoData.MeganBowenId, "Megan Bowen", groups: [GdapAdmins]);
        _graph.AddPerson(DemoData.PattiFernandezId, "Patti Fernandez", groups: [HelpdeskAgents]);
        _graph.AddPerson(DemoData.AlexWilberId, "Alex Wilber");
        _graph.AddPerson(DemoData.AdeleVanceId, "Adele Vance", roleTemplateIds: [DirectoryRoles.GlobalAdministratorTemplateId]);
        _bot = await BotHarness.StartAsync(
            services => services.ConfigureHttpClientDefaults(http =>
                http.ConfigurePrimaryHttpMessageHandler(() => TestCertificateAuthority.Shared.CreateTrustingHandler())),
            new Dictionary<string, string?>
            {
                ["Roles:Provider"] = "EntraId",
                ["Teams:AllowedTenantId"] = TeamsActivities.TenantId,
                ["Roles:Groups:AdminAgents"] = AdminAgents,
                ["Roles:Groups:SalesAgents"] = SalesAgents,
                ["Roles:Groups:HelpdeskAgents"] = HelpdeskAgents,
                ["Graph:BaseUrl"] = _graph.BaseUrl,
                ["Graph:Authority"] = _graph.Authority,
                ["Graph:TenantId"] = GraphStandIn.TenantId,
                ["Graph:ClientId"] = "11111111-2222-3333-4444-555555555555",
                ["Graph:ClientSecret"] = "stand-in-secret",
                ["Graph:LookupBudget"] = "00:01:00",
            });
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public void Dispose() => _graph.Dispose();

    [Theory]
    [InlineData("en-US", "Patti Fernandez", "Helpdesk agent")]
    [InlineData("pl-PL", "Patti Fernandez", "Agent pomocy technicznej")]
    public async Task The_welcome_names_the_role_Entra_ID_gives_not_the_staff_tables(string locale, string name, string role)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var card = CardReader.Text(Assert.Single(await chat.SendAsync(TeamsActivities.BotInstalled(People.Patti, locale))));

        Assert.Contains(name, card, StringComparison.Ordinal);
        Assert.Contains(role, card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_through_a_nested_group_switches_purchase_permission()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Megan, "allow Contoso to buy its own products"));

        var applied = Assert.Single(await chat.PressAsync(People.Megan, confirm, "Allow purchases"));

        Assert.Contains("Done: Contoso Ltd may now buy", CardReader.Text(applied), StringComparison.Ordinal);
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Contoso, 0, 10, CancellationToken.None));
        Assert.Equal((AuditOutcome.Applied, "Megan Bowen"), (entry.Outcome, entry.ActorName));
    }

    [Fact]
    public async Task A_membership_removed_between_review_and_submit_is_refused_and_nothing_changes()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Megan, "allow Contoso to buy its own products"));

        _graph.RemoveFromGroup(DemoData.MeganBowenId, GdapAdmins);
        var refused = Assert.Single(await chat.PressAsync(People.Megan, confirm, "Allow purchases"));

        Assert.Contains("You can't change purchase permission: you have no Partner Center role", refused.Text, StringComparison.Ordinal);
        Assert.False((await _bot.Customers.GetAccountAsync(_bot.Reader, Contoso, CancellationToken.None))!.PurchasePermission.IsAllowed);
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Contoso, 0, 10, CancellationToken.None));
        Assert.Equal((AuditOutcome.Refused, "RoleNotAllowed"), (entry.Outcome, entry.Reason));
    }

    [Theory]
    [InlineData("en-US", "allow Contoso to buy its own products", "Allow purchases", "I couldn't verify your role, so nothing was changed.")]
    [InlineData("pl-PL", "zezwól Contoso na samodzielne zakupy", "Zezwól na zakupy", "Nie udało mi się sprawdzić Twojej roli, więc niczego nie zmieniono.")]
    public async Task When_Graph_cannot_answer_at_submit_the_change_is_refused_said_and_recorded(
        string locale, string utterance, string allow, string unverified)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Adele, utterance, locale));

        _graph.Down = true;
        var refused = Assert.Single(await chat.PressAsync(People.Adele, confirm, allow, locale: locale));

        Assert.StartsWith(unverified, refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("stand-in", refused.Text, StringComparison.Ordinal);
        Assert.False((await _bot.Customers.GetAccountAsync(_bot.Reader, Contoso, CancellationToken.None))!.PurchasePermission.IsAllowed);
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Contoso, 0, 10, CancellationToken.None));
        Assert.Equal((AuditOutcome.Refused, "RoleUnverified"), (entry.Outcome, entry.Reason));
    }

    [Fact]
    public async Task A_person_Entra_ID_gives_no_role_is_refused_history_although_the_staff_table_says_sales_agent()
    {
        var chat = new TeamsConversation(_bot.Bot);

        var reply = Assert.Single(await chat.SayAsync(People.Alex, "history Contoso"));

        Assert.Contains("you have no Partner Center role", reply.Text, StringComparison.Ordinal);
    }
}
