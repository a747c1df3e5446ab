namespace PartnerBot.Data.Customers;

/// <summary>Billing etags are opaque to callers; a fresh GUID can never repeat an older version's etag.</summary>
internal static class SqliteCustomerEtag
{
    public static string New() => Guid.NewGuid().ToString("N");
}
