using Microsoft.Data.Sqlite;
using PartnerBot.Data.Audit;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Customers;

/// <summary>
/// Customers in the embedded database. Reads come from SQLite, searches from the in-memory
/// <see cref="ICustomerSearchIndex"/>, which this class fills (<see cref="LoadSearchIndexAsync"/>) and keeps
/// current after every write. Writes are idempotent per operation id and guarded by the billing etag; an
/// applied write, its operation id and its audit entry commit in one transaction.
/// </summary>
public sealed class SqliteCustomerDirectory(SqliteDatabase database, ICustomerSearchIndex index, TimeProvider clock)
    : ICustomerDirectory, ICustomerAccountWriter
{
    /// <summary>The reason code of a purchase permission refused because the customer has no Azure plan.</summary>
    public const string NoAzurePlanReason = "NoAzurePlan";

    internal const string BillingColumns =
        "company_name, first_name, last_name, email, culture, language, address_line1, address_line2, " +
        "address_line3, city, state, postal_code, country, phone_number";

    internal static readonly string[] BillingParameterNames =
    [
        "$company_name", "$first_name", "$last_name", "$email", "$culture", "$language", "$address_line1",
        "$address_line2", "$address_line3", "$city", "$state", "$postal_code", "$country", "$phone_number",
    ];

    internal static readonly string BillingParameters = string.Join(", ", BillingParameterNames);

    private const string AccountQuery = """
        SELECT c.id, c.domain, c.company_name, c.registration_number, c.has_azure_plan,
               b.company_name, b.first_name, b.last_name, b.email, b.culture, b.language,
               b.address_line1, b.address_line2, b.address_line3, b.city, b.state, b.postal_code, b.country,
               b.phone_number, b.etag,
               COALESCE(p.is_allowed, 0), p.policy_id
        FROM customers c
        JOIN billing_profiles b ON b.customer_id = c.id
        LEFT JOIN purchase_permissions p ON p.customer_id = c.id
        WHERE c.id = $id
        """;

    // A confirmed change runs these inside its write transaction: kept prepared with the connection like the account
    // read, as commands parsed each statement again at every confirm (issue 13).
    private static readonly string UpdateBillingSql = $"""
        UPDATE billing_profiles
        SET ({BillingColumns}, etag, updated_at) = ({BillingParameters}, $etag, $now)
        WHERE customer_id = $id
        """;

    private const string UpsertPermissionSql = """
        INSERT INTO purchase_permissions (customer_id, is_allowed, policy_id, updated_at)
        VALUES ($id, $allowed, $policy_id, $now)
        ON CONFLICT (customer_id) DO UPDATE
        SET is_allowed = excluded.is_allowed, policy_id = excluded.policy_id, updated_at = excluded.updated_at
        """;

    private const string IsAppliedSql = "SELECT 1 FROM applied_operations WHERE operation_id = $operation_id";

    private const string RecordOperationSql = """
        INSERT INTO applied_operations (operation_id, kind, customer_id, applied_at)
        VALUES ($operation_id, $kind, $customer_id, $now)
        """;

    public SqliteCustomerDirectory(SqliteDatabase database, ICustomerSearchIndex index)
        : this(database, index, TimeProvider.System)
    {
    }

    /// <summary>
    /// Where the search index is kept between runs: beside the database file, which it belongs to. Written after every
    /// build from the rows; read at start instead of the rows while the database's search generation (moved by every
    /// write the index sees, migration 0008) and identity are still those it was written at.
    /// </summary>
    public string SearchIndexSnapshotPath => database.DatabasePath + ".search-index";

    /// <summary>How the last load filled the search index (from the snapshot, or from the rows and why), for the log.</summary>
    public string? SearchIndexLoadNote { get; private set; }

    /// <summary>
    /// Puts every customer (bill-to name, domain) into the search index, from the snapshot when it matches the data,
    /// else from the rows (and then writes the snapshot); returns how many.
    /// </summary>
    public Task<int> LoadSearchIndexAsync(CancellationToken cancellationToken) => LoadAsync(writeBehind: false, cancellationToken);

    /// <param name="writeBehind">
    /// Write the snapshot after the load has completed rather than before: searches waiting for the load behind the
    /// server need not wait for the file too.
    /// </param>
    /// <param name="cancellationToken">Stops the load.</param>
    private async Task<int> LoadAsync(bool writeBehind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: the generation read is the one the rows read are at.
        await using var transaction = connection.BeginTransaction(deferred: true);
        string stamp;
        await using (var generation = connection.CreateCommand())
        {
            generation.Transaction = transaction;
            generation.CommandText = """
                SELECT (SELECT database_id FROM store_identity) || ' generation ' || (SELECT value FROM search_generation)
                """;
            stamp = (string)(await generation.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var snapshots = index as CustomerSearchIndex;
        var ignored = snapshots is null ? null : await TryReadSnapshotAsync(snapshots, stamp, cancellationToken).ConfigureAwait(false);
        if (snapshots is not null && ignored is null)
        {
            SearchIndexLoadNote = "from the snapshot " + SearchIndexSnapshotPath;
            return snapshots.Count;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // The bill-to name is the one partners see in the customer list, so it is the one to find.
        command.CommandText = """
            SELECT c.id, b.company_name, c.domain
            FROM customers c JOIN billing_profiles b ON b.customer_id = c.id
            """;
        // Read first, then indexed in one go (UpsertMany): the entries are what the index keeps, so the list costs
        // only its references, and the index takes its lock and sizes its tables once.
        var entries = new List<CustomerSearchEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new CustomerSearchEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        index.UpsertMany(entries);
        var loaded = "from the rows" + (ignored is { Length: > 0 } ? $" (snapshot not used: {ignored})" : string.Empty);
        SearchIndexLoadNote = loaded;
        if (snapshots is not null)
        {
            SearchIndexSnapshotWriting = SearchIndexLoading.WriteSnapshot(
                SnapshotWriter, snapshots, SearchIndexSnapshotPath, stamp, writeBehind, loaded, note => SearchIndexLoadNote = note);
        }

        return entries.Count;
    }

    /// <summary>Null when the snapshot was read into the index; else why not (empty when there is none yet).</summary>
    private async Task<string?> TryReadSnapshotAsync(CustomerSearchIndex snapshots, string stamp, CancellationToken cancellationToken)
    {
        var path = SearchIndexSnapshotPath;
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        try
        {
            // Read from the file in pieces, not whole into one array: see CustomerSearchIndex.WriteSnapshot.
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
            var written = CustomerSearchIndex.SnapshotStamp(file);
            if (written is null)
            {
                return "not a snapshot of this version";
            }

            if (!string.Equals(written, stamp, StringComparison.Ordinal))
            {
                return $"written at {written}, the database is at {stamp}";
            }

            cancellationToken.ThrowIfCancellationRequested();
            snapshots.ReadSnapshot(file);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return exception.Message;
        }
    }

    /// <summary>How long a search waits for an index still loading (<see cref="SearchIndexLoading.Wait"/>).</summary>
    public static readonly TimeSpan IndexLoadWait = SearchIndexLoading.Wait;

    private Task<int>? _indexLoading;

    /// <summary>The background load started by <see cref="StartLoadingSearchIndex"/>, if any.</summary>
    public Task<int>? SearchIndexLoaded => _indexLoading;

    /// <summary>
    /// The snapshot the background load writes after the index is ready (null when it writes none): searches need not
    /// wait for it, the host's stop does. <see cref="SearchIndexLoadNote"/> says how it went once it has.
    /// </summary>
    public Task? SearchIndexSnapshotWriting { get; private set; }

    /// <summary>
    /// Writes the index's snapshot, whole or not at all: null when written, else why not. Tests stand a slow disk in
    /// for it; the default is <see cref="SearchIndexLoading.WriteSnapshot(CustomerSearchIndex, string, string)"/>.
    /// </summary>
    public Func<CustomerSearchIndex, string, string, string?> SnapshotWriter { get; init; } = SearchIndexLoading.WriteSnapshot;

    /// <summary>
    /// Starts <see cref="LoadSearchIndexAsync"/> without waiting for it, so that the host serves at once after a
    /// restart; a search meanwhile waits for the load (at most <see cref="IndexLoadWait"/>), then says the list is
    /// still loading rather than answer from half of it. Reading 100,000 rows into the index takes seconds;
    /// nothing else needs it. Built from the rows, the index is then written to its snapshot behind the load
    /// (<see cref="SearchIndexSnapshotWriting"/>).
    /// </summary>
    public Task<int> StartLoadingSearchIndex(CancellationToken cancellationToken)
    {
        _indexLoading = Task.Run(() => LoadAsync(writeBehind: true, cancellationToken), cancellationToken);
        return _indexLoading;
    }

    public async Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        await SearchIndexLoading.WaitAsync(_indexLoading, index, clock, cancellationToken).ConfigureAwait(false);
        return await index.SearchAsync(query, top, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(customerId);
        using var lease = await database.LeaseConnectionAsync(cancellationToken).ConfigureAwait(false);
        return ReadAccount(lease.Connection, customerId, cancellationToken);
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
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(profile.DefaultAddress);
        ArgumentNullException.ThrowIfNull(ifMatchEtag);
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);

        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        // BEGIN IMMEDIATE: the etag check and the write happen under the one write lock, so two writers
        // holding the same etag cannot both pass the check.
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = ReadAccount(connection, customerId, cancellationToken);
        if (IsApplied(connection, operationId))
        {
            return new BillingProfileWriteResult(WriteStatus.AlreadyApplied, current?.Billing);
        }

        if (current is null)
        {
            return new BillingProfileWriteResult(WriteStatus.NotFound, null);
        }

        if (!string.Equals(current.Billing.Etag, ifMatchEtag, StringComparison.Ordinal))
        {
            return new BillingProfileWriteResult(WriteStatus.Conflict, current.Billing);
        }

        var written = profile with { Etag = SqliteCustomerEtag.New() };
        var now = SqlValues.Time(clock.GetUtcNow());
        using (var update = PreparedStatements.Get(connection, UpdateBillingSql))
        {
            BindBilling(update, written).Bind("$etag", written.Etag).Bind("$now", now).Bind("$id", current.CustomerId).Execute();
        }

        RecordOperation(connection, operationId, "BillingProfileUpdate", current.CustomerId, now);
        // The audit row commits with the change or not at all: no applied change goes unrecorded, and a
        // failed record leaves no change behind for the user to be told "nothing was changed" about.
        SqliteAuditLog.Insert(connection, applied);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // After the commit, never before: a renamed bill-to company is found under its new name at once,
        // and never under a name that was rolled back.
        index.Upsert(new CustomerSearchEntry(current.CustomerId, written.CompanyName, current.Company.Domain));
        return new BillingProfileWriteResult(WriteStatus.Applied, written);
    }

    public async Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization,
        string customerId,
        bool allow,
        string operationId,
        AuditEntry applied,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.EnsureFor(PartnerAction.ChangePurchasePermission);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);

        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = ReadAccount(connection, customerId, cancellationToken);
        if (IsApplied(connection, operationId))
        {
            return new PurchasePermissionWriteResult(WriteStatus.AlreadyApplied, current?.PurchasePermission);
        }

        if (current is null)
        {
            return new PurchasePermissionWriteResult(WriteStatus.NotFound, null);
        }

        // Partner Center requires an Azure plan bought through the partner before the switch can be on.
        if (allow && !current.HasAzurePlan)
        {
            return new PurchasePermissionWriteResult(WriteStatus.Rejected, current.PurchasePermission, NoAzurePlanReason);
        }

        var now = SqlValues.Time(clock.GetUtcNow());
        var state = current.PurchasePermission;
        if (state.IsAllowed != allow)
        {
            // Like a self-serve policy: created with its own id when allowed, deleted when revoked.
            state = new PurchasePermission(allow, allow ? Guid.NewGuid().ToString() : null);
            using var upsert = PreparedStatements.Get(connection, UpsertPermissionSql);
            upsert.Bind("$id", current.CustomerId).Bind("$allowed", allow ? 1 : 0).Bind("$policy_id", state.PolicyId).Bind("$now", now).Execute();
        }

        // An unchanged state is still Applied (the caller asked for it and it holds); the operation id is
        // recorded either way so a replay reports AlreadyApplied.
        RecordOperation(connection, operationId, "PurchasePermissionChange", current.CustomerId, now);
        SqliteAuditLog.Insert(connection, applied);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PurchasePermissionWriteResult(WriteStatus.Applied, state);
    }

    internal static void BindBilling(SqliteCommand command, BillingProfile profile)
    {
        var values = BillingValues(profile);
        for (var i = 0; i < values.Length; i++)
        {
            var name = BillingParameterNames[i];
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = (object?)values[i] ?? DBNull.Value;
            }
            else
            {
                command.Add(name, values[i]);
            }
        }
    }

    private static PreparedStatement BindBilling(PreparedStatement statement, BillingProfile profile)
    {
        var values = BillingValues(profile);
        for (var i = 0; i < values.Length; i++)
        {
            statement.Bind(BillingParameterNames[i], values[i]);
        }

        return statement;
    }

    /// <summary>The billing profile's values in the order of <see cref="BillingParameterNames"/>.</summary>
    private static string?[] BillingValues(BillingProfile profile)
    {
        var address = profile.DefaultAddress;
        return
        [
            profile.CompanyName, profile.FirstName, profile.LastName, profile.Email, profile.Culture, profile.Language,
            address.AddressLine1, address.AddressLine2, address.AddressLine3, address.City, address.State,
            address.PostalCode, address.Country, address.PhoneNumber,
        ];
    }

    /// <summary>
    /// The account with its billing profile and purchase permission, read inside the connection's transaction if it has
    /// one. Kept prepared with the connection (<see cref="PreparedStatements"/>): choosing, editing and reviewing read it
    /// every turn, and a command parsed the three-table join again at every read (issue 13).
    /// </summary>
    private static CustomerAccount? ReadAccount(SqliteConnection connection, string customerId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var read = PreparedStatements.Get(connection, AccountQuery).Bind("$id", customerId);
        if (!read.Read())
        {
            return null;
        }

        var id = read.Text(0);
        var company = new CompanyProfile(id, read.Text(1), read.Text(2), read.TextOrNull(3));
        var billing = new BillingProfile(
            CompanyName: read.Text(5),
            FirstName: read.Text(6),
            LastName: read.Text(7),
            Email: read.Text(8),
            Culture: read.Text(9),
            Language: read.Text(10),
            DefaultAddress: new Address(
                AddressLine1: read.Text(11),
                AddressLine2: read.TextOrNull(12),
                AddressLine3: read.TextOrNull(13),
                City: read.TextOrNull(14),
                State: read.TextOrNull(15),
                PostalCode: read.TextOrNull(16),
                Country: read.Text(17),
                PhoneNumber: read.TextOrNull(18)),
            Etag: read.Text(19));
        var permission = new PurchasePermission(read.Int64(20) != 0, read.TextOrNull(21));
        return new CustomerAccount(id, company, billing, read.Int64(4) != 0, permission);
    }

    private static bool IsApplied(SqliteConnection connection, string operationId)
    {
        using var applied = PreparedStatements.Get(connection, IsAppliedSql).Bind("$operation_id", operationId);
        return applied.Read();
    }

    private static void RecordOperation(SqliteConnection connection, string operationId, string kind, string customerId, string now)
    {
        using var record = PreparedStatements.Get(connection, RecordOperationSql);
        record.Bind("$operation_id", operationId).Bind("$kind", kind).Bind("$customer_id", customerId).Bind("$now", now).Execute();
    }
}
