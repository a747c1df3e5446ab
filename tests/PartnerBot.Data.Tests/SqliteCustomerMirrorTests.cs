using PartnerBot.Data.Mirror;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Tests;

public sealed class SqliteCustomerMirrorTests
{
    [Fact]
    public async Task A_full_listing_replaces_the_mirror_and_survives_a_reopen()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var mirror = new SqliteCustomerMirror(test.Database);
        var syncedAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        await mirror.ReplaceAllAsync([new("a", "Contoso", "contoso.com"), new("b", "Fabrikam", "fabrikam.com")], syncedAt.AddHours(-1), CancellationToken.None);

        await mirror.ReplaceAllAsync([new("b", "Fabrikam Polska", "fabrikam.com"), new("c", "Łódź Tools", "lodz.pl")], syncedAt, CancellationToken.None);
        var reopened = new SqliteCustomerMirror(new SqliteDatabase(test.Path));

        var customers = await reopened.LoadAsync(CancellationToken.None);
        Assert.Equal(["Fabrikam Polska", "Łódź Tools"], customers.OrderBy(c => c.CustomerId).Select(c => c.CompanyName));
        Assert.Equal(new Domain.Customers.CustomerMirrorStatus(2, syncedAt), await reopened.GetStatusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Customers_found_between_refreshes_are_added_without_touching_the_sync_time()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var mirror = new SqliteCustomerMirror(test.Database);
        Assert.Equal(new Domain.Customers.CustomerMirrorStatus(0, null), await mirror.GetStatusAsync(CancellationToken.None));

        await mirror.UpsertAsync([new CustomerSearchEntry("n", "Nowa Firma", "nowa.pl")], CancellationToken.None);

        Assert.Equal(new Domain.Customers.CustomerMirrorStatus(1, null), await mirror.GetStatusAsync(CancellationToken.None));
        Assert.Equal("Nowa Firma", Assert.Single(await mirror.LoadAsync(CancellationToken.None)).CompanyName);
    }
}
