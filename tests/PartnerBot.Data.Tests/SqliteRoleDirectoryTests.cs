using PartnerBot.Data.Seed;
using PartnerBot.Data.Staff;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Tests;

public sealed class SqliteRoleDirectoryTests
{
    [Fact]
    public async Task A_revoked_role_counts_at_the_very_next_check()
    {
        await using var test = await TestDatabase.CreateAsync();
        var roles = new SqliteRoleDirectory(test.Database);
        var authorization = new AccountAuthorization(roles, new RolePolicy(), TimeProvider.System);
        var alex = new PartnerUser(DemoData.AlexWilberId, DemoData.PlaygroundTenantId, "Alex Wilber");
        Assert.True((await authorization.AuthorizeAsync(alex, PartnerAction.UpdateBillingProfile, CancellationToken.None)).IsAllowed);

        Assert.True(await roles.RevokeRoleAsync(DemoData.AlexWilberId, PartnerRole.SalesAgent, CancellationToken.None));

        var decision = await authorization.AuthorizeAsync(alex, PartnerAction.UpdateBillingProfile, CancellationToken.None);
        Assert.False(decision.IsAllowed);
        Assert.NotNull(decision.Staff);
        Assert.Empty(decision.HeldRoles);
        Assert.False(await roles.RevokeRoleAsync(DemoData.AlexWilberId, PartnerRole.SalesAgent, CancellationToken.None));
    }

    [Fact]
    public async Task Granted_roles_are_read_back_in_a_stable_order()
    {
        await using var test = await TestDatabase.CreateAsync();
        var roles = new SqliteRoleDirectory(test.Database);

        Assert.True(await roles.GrantRoleAsync(DemoData.PattiFernandezId, PartnerRole.HelpdeskAgent, CancellationToken.None));
        Assert.True(await roles.GrantRoleAsync(DemoData.PattiFernandezId, PartnerRole.GlobalAdmin, CancellationToken.None));
        Assert.False(await roles.GrantRoleAsync(DemoData.PattiFernandezId, PartnerRole.GlobalAdmin, CancellationToken.None));

        var patti = await roles.FindAsync(DemoData.PattiFernandezId.ToUpperInvariant(), CancellationToken.None);
        Assert.Equal([PartnerRole.GlobalAdmin, PartnerRole.HelpdeskAgent], patti!.Roles);
    }

    [Fact]
    public async Task Staff_are_saved_before_they_get_roles_and_unknown_people_are_null()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var roles = new SqliteRoleDirectory(test.Database);
        const string id = "9f1c2d3e-0000-4000-8000-00000000abcd";

        Assert.Null(await roles.FindAsync(id, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => roles.GrantRoleAsync(id, PartnerRole.SalesAgent, CancellationToken.None));

        await roles.SaveStaffAsync(id, "Grażyna Wójcik", null, CancellationToken.None);
        await roles.GrantRoleAsync(id, PartnerRole.SalesAgent, CancellationToken.None);
        await roles.SaveStaffAsync(id, "Grażyna Wójcik-Nowak", "grazyna@example.com", CancellationToken.None);

        var member = await roles.FindAsync(id, CancellationToken.None);
        Assert.NotNull(member);
        Assert.Equal("Grażyna Wójcik-Nowak", member.DisplayName);
        Assert.Equal("grazyna@example.com", member.Email);
        Assert.Equal([PartnerRole.SalesAgent], member.Roles);
    }
}
