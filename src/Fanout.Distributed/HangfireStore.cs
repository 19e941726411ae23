using Fanout.Storage.Postgres;

using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Fanout.Distributed;

/// <summary>Hangfire's storage in the run's database: its own schema <c>hangfire</c> beside Fanout's, created when missing.</summary>
public static class HangfireStore
{
    public const string SchemaName = "hangfire";

    /// <summary>The one queue task jobs go to.</summary>
    public const string Queue = "fanout";

    public static JobStorage Open(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = SchemaName,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = DistributedTiming.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = DistributedTiming.QueuePollInterval,
            EnableLongPolling = true,
            DistributedLockTimeout = TimeSpan.FromSeconds(30),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
    }
}
