using System.Diagnostics;
using Npgsql;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>The commands and batches Npgsql sends to one database (its tracing), each one round trip.</summary>
internal sealed class ServerCommands : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public ServerCommands(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("db.namespace"), database) && activity.OperationName != "connect")
                {
                    Interlocked.Increment(ref _count);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
