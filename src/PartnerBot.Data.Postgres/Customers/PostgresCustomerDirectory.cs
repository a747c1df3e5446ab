using System.Runtime.CompilerServices;
using Npgsql;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Postgres.Audit;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Postgres.Customers;

/// <summary>
/// Customers on PostgreSQL, shared by every instance. Reads come from the database; searches from this
/// instance's in-memory <see cref="ICustomerSearchIndex"/>, which takes in the bill-to names any instance wrote (so a
/// company renamed on one instance is found under its new name on the other): the rows above the search generation
/// this instance has read (migration 0007). While <see cref="PostgresSearchNameListener"/> listens, it reads them as
/// their commits are notified (migration 0008) and a search asks the database nothing; while it does not, every
/// question reads them first.
/// Writes lock the billing row (<c>FOR UPDATE</c>), so the etag check, the idempotency check and the write are one step.
/// </summary>
public sealed class PostgresCustomerDirectory(PostgresDatabase database, ICustomerSearchIndex index, TimeProvider clock)
    : ICustomerDirectory, ICustomerAccountWriter, IDisposable
{
    /// <summary>The reason code of a purchase permission refused because the customer has no Azure plan.</summary>
    public const string NoAzurePlanReason = "NoAzurePlan";

    private const string BillingColumns =
        "company_name, first_name, last_name, email, culture, language, address_line1, address_line2, " +
        "address_line3, city, state, postal_code, country, phone_number";

    private const string AccountQuery = """
        SELECT c.id, c.domain, c.company_name, c.registration_number, c.has_azure_plan,
               b.company_name, b.first_name, b.last_name, b.email, b.culture, b.language,
               b.address_line1, b.address_line2, b.address_line3, b.city, b.state, b.postal_code, b.country,
               b.phone_number, b.etag,
               COALESCE(p.is_allowed, false), p.policy_id
        FROM customers c
        JOIN billing_profiles b ON b.customer_id = c.id
        LEFT JOIN purchase_permissions p ON p.customer_id = c.id
        WHERE lower(c.id) = lower(@id)
        """;

    private readonly SemaphoreSlim _refreshing = new(1, 1);

    // The search generation the index holds every name of; null before the first load. Changed, with the names read
    // at it, only under _indexing, which a write's own upsert also takes (UpsertWritten).
    private long? _indexedGeneration;
    private readonly Lock _indexing = new();
    private long _refreshesStarted;

    // Set by the listener while its LISTEN is up and it has read every name committed before it began.
    private volatile bool _listening;

    // The read keys whose searches have seen a refresh. A key is checked once per question, and the recognizer
    // searches the words typed several ways to answer it: one refresh for the question, not one per way.
    private readonly ConditionalWeakTable<AuthorizedRead, object> _refreshedFor = [];

    public PostgresCustomerDirectory(PostgresDatabase database, ICustomerSearchIndex index)
        : this(database, index, TimeProvider.System)
    {
    }

    public void Dispose() => _refreshing.Dispose();

    /// <summary>
    /// How long a search waits for an index still loading before it answers "still loading, try again in a moment"
    /// (<see cref="CustomerListLoadingException"/>), as on the embedded store.
    /// </summary>
    public static readonly TimeSpan IndexLoadWait = SearchIndexLoading.Wait;

    private Task<int>? _indexLoading;

    /// <summary>
    /// Where this instance keeps its search index between starts (null: nowhere, built from the rows at every start).
    /// Instances may share it: it is read only when written from this database, then brought up to date from the names
    /// written since its generation (migration 0007), so an older snapshot costs only those rows.
    /// </summary>
    public string? SearchIndexSnapshotPath { get; init; }

    /// <summary>How the last load filled the search index (from the snapshot and how far behind, or from the rows and why), for the log.</summary>
    public string? SearchIndexLoadNote { get; private set; }

    /// <summary>The background load started by <see cref="StartLoadingSearchIndex"/>, if any.</summary>
    public Task<int>? SearchIndexLoaded => _indexLoading;

    /// <inheritdoc cref="SqliteCustomerDirectory.SearchIndexSnapshotWriting"/>
    public Task? SearchIndexSnapshotWriting { get; private set; }

    /// <inheritdoc cref="SqliteCustomerDirectory.SnapshotWriter"/>
    public Func<CustomerSearchIndex, string, string, string?> SnapshotWriter { get; init; } = SearchIndexLoading.WriteSnapshot;

    /// <summary>
    /// Starts <see cref="LoadSearchIndexAsync"/> without waiting for it, so that the host serves at once; a search
    /// meanwhile waits for the load (at most <see cref="IndexLoadWait"/>), then says the list is still loading rather
    /// than answer from half of it. Nothing else needs the index.
    /// </summary>
    public Task<int> StartLoadingSearchIndex(CancellationToken cancellationToken)
    {
        _indexLoading = Task.Run(() => LoadAsync(writeBehind: true, cancellationToken), cancellationToken);
        return _indexLoading;
    }

    /// <summary>
    /// Puts every customer (bill-to name, domain) into the search index, from the snapshot when it was written from
    /// this database (then the names written since), else from the rows (and then writes the snapshot); returns how many.
    /// </summary>
    public Task<int> LoadSearchIndexAsync(CancellationToken cancellationToken) => LoadAsync(writeBehind: false, cancellationToken);

    /// <param name="writeBehind">
    /// Write the snapshot after the load has completed rather than before: 27 MB and a flush to disk at 100,000 customers,
    /// which searches waiting for the load behind the server need not wait for.
    /// </param>
    private async Task<int> LoadAsync(bool writeBehind, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (SearchIndexSnapshotPath is not { Length: > 0 } path || index is not CustomerSearchIndex snapshots)
            {
                var read = await RefreshAsync(above: null, cancellationToken).ConfigureAwait(false);
                SearchIndexLoadNote = "from the rows";
                return read;
            }

            var (databaseId, current) = await ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
            (long? Generation, string Ignored) snapshot;
            lock (_indexing)
            {
                // Synchronous under the lock: a write's upsert waits for the snapshot and its generation together.
                snapshot = SearchIndexSnapshotFile.TryRead(snapshots, path, databaseId, current, cancellationToken);
                _indexedGeneration = snapshot.Generation ?? _indexedGeneration;
            }

            var (generation, ignored) = snapshot;
            if (generation is { } held)
            {
                var since = await RefreshAsync(held, cancellationToken).ConfigureAwait(false);
                SearchIndexLoadNote = $"from the snapshot {path} (generation {held}) and {since} names written since";

                // Far behind: written again, so the next start reads fewer rows.
                if (since > snapshots.Count / 10)
                {
                    WriteSnapshot(snapshots, path, databaseId, writeBehind);
                }

                return snapshots.Count;
            }

            var count = await RefreshAsync(above: null, cancellationToken).ConfigureAwait(false);
            SearchIndexLoadNote = "from the rows" + (ignored is { Length: > 0 } ? $" (snapshot not used: {ignored})" : string.Empty);
            WriteSnapshot(snapshots, path, databaseId, writeBehind);
            return count;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public async Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        // A failed load leaves no generation held: the read below then loads every name.
        await SearchIndexLoading.WaitAsync(_indexLoading, index, clock, cancellationToken).ConfigureAwait(false);

        // Listening: the names other instances commit arrive by notification, a few milliseconds after their commit,
        // so a question needs no round trip of its own (issue 13: it was the search turn's wait on PostgreSQL).
        if (_listening || _refreshedFor.TryGetValue(read, out _))
        {
            return await index.SearchAsync(query, top, cancellationToken).ConfigureAwait(false);
        }

        var refreshesBefore = Interlocked.Read(ref _refreshesStarted);
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A refresh that started after this search was asked saw every change committed before it: searches
            // waiting together share the one that ran while they waited instead of each reading again (issue 13).
            if (Interlocked.Read(ref _refreshesStarted) == refreshesBefore)
            {
                await RefreshAsync(_indexedGeneration, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _refreshing.Release();
        }

        _refreshedFor.AddOrUpdate(read, read);
        return await index.SearchAsync(query, top, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether searches rely on notifications (<see cref="PostgresSearchNameListener"/>) rather than asking first.</summary>
    public bool IsListening => _listening;

    /// <summary>Set by the listener: true once its LISTEN is up and caught up, false as soon as it is not.</summary>
    internal void SetListening(bool listening) => _listening = listening;

    /// <summary>
    /// Reads the names committed above this instance's generation, unless <paramref name="notified"/> (the highest
    /// generation notified) is already held: notifications that queued up during one read cost no second one.
    /// </summary>
    internal async Task CatchUpAsync(long? notified, CancellationToken cancellationToken)
    {
        // The load behind the server holds every name up to its generation: read only what came after it, never
        // every name a second time.
        if (_indexLoading is { } loading)
        {
            try
            {
                await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A failed load (logged at start-up) leaves no generation held: the read below loads every name.
            }
        }

        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (notified is null || _indexedGeneration is null || _indexedGeneration < notified)
            {
                await RefreshAsync(_indexedGeneration, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public async Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(customerId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAccountAsync(connection, null, customerId, forUpdate: false, cancellationToken).ConfigureAwait(false);
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
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(profile.DefaultAddress);
        ArgumentNullException.ThrowIfNull(ifMatchEtag);
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        ArgumentNullException.ThrowIfNull(applied);

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // FOR UPDATE: a second writer of this customer waits here, then reads what the first committed.
        var (current, alreadyApplied) = await ReadForWriteAsync(connection, transaction, customerId, operationId, cancellationToken).ConfigureAwait(false);
        if (alreadyApplied)
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

        // A new name takes the next search generation (migration 0007's trigger), notified at the commit (0008).
        var written = profile with { Etag = Guid.NewGuid().ToString("N") };
        // RETURNING the row's generation: the one its name took, or the one it had when the name is unchanged.
        var update = new NpgsqlBatchCommand($"""
            UPDATE billing_profiles
            SET ({BillingColumns}, etag, updated_at) = (@company_name, @first_name, @last_name, @email, @culture, @language,
                 @address_line1, @address_line2, @address_line3, @city, @state, @postal_code, @country, @phone_number, @etag, now())
            WHERE customer_id = @id
            RETURNING search_generation
            """);
        BindBilling(update.Parameters, written);
        update.Parameters.AddWithValue("etag", written.Etag);
        update.Parameters.AddWithValue("id", current.CustomerId);

        // The change, its operation id and its audit entry commit together: all or nothing.
        var generation = (long)(await WriteAsync(
            connection, transaction, [update, RecordOperationCommand(operationId, "BillingProfileUpdate", current.CustomerId), PostgresAuditLog.InsertCommand(applied)],
            cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // After the commit, never before: found under the new name at once here, and on the others once notified (or at their next question while not listening).
        UpsertWritten(new CustomerSearchEntry(current.CustomerId, written.CompanyName, current.Company.Domain), generation);
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
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        ArgumentNullException.ThrowIfNull(applied);

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (current, alreadyApplied) = await ReadForWriteAsync(connection, transaction, customerId, operationId, cancellationToken).ConfigureAwait(false);
        if (alreadyApplied)
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

        var state = current.PurchasePermission;
        var writes = new List<NpgsqlBatchCommand>(3);
        if (state.IsAllowed != allow)
        {
            // Like a self-serve policy: created with its own id when allowed, deleted when revoked.
            state = new PurchasePermission(allow, allow ? Guid.NewGuid().ToString() : null);
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO purchase_permissions (customer_id, is_allowed, policy_id, updated_at)
                VALUES (@id, @allowed, @policy_id, @now)
                ON CONFLICT (customer_id) DO UPDATE
                SET is_allowed = excluded.is_allowed, policy_id = excluded.policy_id, updated_at = excluded.updated_at
                """);
            upsert.Parameters.AddWithValue("id", current.CustomerId);
            upsert.Parameters.AddWithValue("allowed", allow);
            upsert.Parameters.AddWithValue("policy_id", (object?)state.PolicyId ?? DBNull.Value);
            upsert.Parameters.AddWithValue("now", clock.GetUtcNow().UtcDateTime);
            writes.Add(upsert);
        }

        // An unchanged state is still Applied; the operation id is recorded either way so a replay reports AlreadyApplied.
        writes.Add(RecordOperationCommand(operationId, "PurchasePermissionChange", current.CustomerId));
        writes.Add(PostgresAuditLog.InsertCommand(applied));
        await WriteAsync(connection, transaction, writes, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PurchasePermissionWriteResult(WriteStatus.Applied, state);
    }

    internal static void BindBilling(NpgsqlParameterCollection parameters, BillingProfile profile)
    {
        var address = profile.DefaultAddress;
        (string Name, string? Value)[] values =
        [
            ("company_name", profile.CompanyName), ("first_name", profile.FirstName), ("last_name", profile.LastName),
            ("email", profile.Email), ("culture", profile.Culture), ("language", profile.Language),
            ("address_line1", address.AddressLine1), ("address_line2", address.AddressLine2),
            ("address_line3", address.AddressLine3), ("city", address.City), ("state", address.State),
            ("postal_code", address.PostalCode), ("country", address.Country), ("phone_number", address.PhoneNumber),
        ];
        foreach (var (name, value) in values)
        {
            parameters.AddWithValue(name, (object?)value ?? DBNull.Value);
        }
    }

    /// <summary>
    /// Puts the names written above <paramref name="above"/> (every name when null) into the index and remembers the
    /// generation read with them; returns how many. One statement, so the generation and the rows are one snapshot:
    /// a name committed after it has a higher generation and is read next time.
    /// </summary>
    private async Task<int> RefreshAsync(long? above, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refreshesStarted);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Two statements, not one with "@above IS NULL OR": a prepared plan for both could not use the generation's
        // index, and the refresh runs once per notification (once per question while not listening).
        await using var command = new NpgsqlCommand(
            $"""
            SELECT g.value, c.id, b.company_name, c.domain
            FROM search_generation g
            LEFT JOIN billing_profiles b ON {(above is null ? "true" : "b.search_generation > @above")}
            LEFT JOIN customers c ON c.id = b.customer_id
            WHERE g.singleton = 1
            """,
            connection);
        if (above is { } generation)
        {
            command.Parameters.AddWithValue("above", generation);
        }

        long? read = null;
        // Read first, then indexed in one go (UpsertMany): the entries are what the index keeps, so the list costs
        // only its references, and the index takes its lock and sizes its tables once.
        var entries = new List<CustomerSearchEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read ??= reader.GetInt64(0);
                if (!reader.IsDBNull(1))
                {
                    entries.Add(new CustomerSearchEntry(reader.GetString(1), reader.GetString(2), reader.GetString(3)));
                }
            }
        }

        lock (_indexing)
        {
            index.UpsertMany(entries);
            _indexedGeneration = read ?? _indexedGeneration;
        }

        return entries.Count;
    }

    /// <summary>The database's identity (migration 0009) and its search generation now.</summary>
    private async Task<(string DatabaseId, long Generation)> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT i.database_id, g.value FROM store_identity i CROSS JOIN search_generation g", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Writes the snapshot now, or (<paramref name="writeBehind"/>) once the caller has returned; either way stamped with
    /// the generation held now. The index may also hold names above that generation: this instance's own writes
    /// (upserted after their commits) and, written behind, names read after the load. The next start reads those rows
    /// again anyway, which is harmless.
    /// </summary>
    private void WriteSnapshot(CustomerSearchIndex snapshots, string path, string databaseId, bool writeBehind) =>
        SearchIndexSnapshotWriting = SearchIndexLoading.WriteSnapshot(
            SnapshotWriter,
            snapshots,
            path,
            SearchIndexSnapshotFile.Stamp(databaseId, _indexedGeneration!.Value),
            writeBehind,
            SearchIndexLoadNote,
            note => SearchIndexLoadNote = note);

    private static async Task<CustomerAccount?> ReadAccountAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AccountQuery + (forUpdate ? " FOR UPDATE OF b" : string.Empty), connection, transaction);
        command.Parameters.AddWithValue("id", customerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadAccount(reader) : null;
    }

    /// <summary>
    /// A write's first step in one round trip (with the transaction's BEGIN): the account with its billing row locked,
    /// then whether the operation was applied already, read after the lock as before.
    /// </summary>
    private static async Task<(CustomerAccount? Current, bool AlreadyApplied)> ReadForWriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, string operationId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var account = new NpgsqlBatchCommand(AccountQuery + " FOR UPDATE OF b");
        account.Parameters.AddWithValue("id", customerId);
        batch.BatchCommands.Add(account);
        var applied = new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM applied_operations WHERE operation_id = @operation_id)");
        applied.Parameters.AddWithValue("operation_id", operationId);
        batch.BatchCommands.Add(applied);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var current = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadAccount(reader) : null;
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (current, reader.GetBoolean(0));
    }

    private static CustomerAccount ReadAccount(NpgsqlDataReader reader)
    {
        string? Nullable(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        var id = reader.GetString(0);
        var company = new CompanyProfile(id, reader.GetString(1), reader.GetString(2), Nullable(3));
        var billing = new BillingProfile(
            CompanyName: reader.GetString(5),
            FirstName: reader.GetString(6),
            LastName: reader.GetString(7),
            Email: reader.GetString(8),
            Culture: reader.GetString(9),
            Language: reader.GetString(10),
            DefaultAddress: new Address(
                AddressLine1: reader.GetString(11),
                AddressLine2: Nullable(12),
                AddressLine3: Nullable(13),
                City: Nullable(14),
                State: Nullable(15),
                PostalCode: Nullable(16),
                Country: reader.GetString(17),
                PhoneNumber: Nullable(18)),
            Etag: reader.GetString(19));
        var permission = new PurchasePermission(reader.GetBoolean(20), Nullable(21));
        return new CustomerAccount(id, company, billing, reader.GetBoolean(4), permission);
    }

    private static NpgsqlBatchCommand RecordOperationCommand(string operationId, string kind, string customerId)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO applied_operations (operation_id, kind, customer_id, applied_at)
            VALUES (@operation_id, @kind, @customer_id, now())
            """);
        command.Parameters.AddWithValue("operation_id", operationId);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("customer_id", customerId);
        return command;
    }

    /// <summary>
    /// A write's statements in one round trip, in the write's transaction: the commit follows only if all succeeded.
    /// Returns the first value the first statement returned, if any.
    /// </summary>
    private static async Task<object?> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        // ExecuteScalar would not report a later statement's failure (it stops reading at the first value).
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        object? first = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetValue(0) : null;
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            // Read to the end, so that a later statement's error is thrown here, before the commit.
        }

        return first;
    }

    /// <summary>
    /// A name this instance committed, into its index at once, unless a read of the names at or above the generation
    /// it was written at came first: then the index holds that name or a later one (another instance's rename committed
    /// in between), which this late upsert must not overwrite.
    /// </summary>
    private void UpsertWritten(CustomerSearchEntry entry, long generation)
    {
        lock (_indexing)
        {
            if (_indexedGeneration is not { } held || held < generation)
            {
                index.Upsert(entry);
            }
        }
    }
}
