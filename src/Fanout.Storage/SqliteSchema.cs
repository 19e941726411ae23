using Microsoft.Data.Sqlite;

namespace Fanout.Storage;

/// <summary>Schemas versioned with <c>PRAGMA user_version</c>: migration N brings version N to N+1.</summary>
public static class SqliteSchema
{
    /// <param name="tooNew">Builds the error for a file written by a newer fanout (its version, ours).</param>
    public static async Task MigrateAsync(SqliteConnection connection, IReadOnlyList<string> migrations, Func<long, int, Exception> tooNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(tooNew);

        // A file already at this version needs no transaction: reading the version takes no lock, so
        // commands that only read (status, logs, issues list) neither wait for a run nor hold one up.
        var current = await SqliteDatabase.RetryAsync(() => SqliteDatabase.ScalarAsync<long>(connection, null, "PRAGMA user_version", cancellationToken), cancellationToken);
        if (current == migrations.Count)
        {
            return;
        }

        await SqliteDatabase.RetryAsync(
            async () =>
            {
                // IMMEDIATE: two processes opening a new file at once must not both create the tables.
                using var transaction = connection.BeginTransaction(deferred: false);
                var version = await SqliteDatabase.ScalarAsync<long>(connection, transaction, "PRAGMA user_version", cancellationToken);
                if (version > migrations.Count)
                {
                    throw tooNew(version, migrations.Count);
                }

                for (var next = (int)version; next < migrations.Count; next++)
                {
                    await SqliteDatabase.ExecuteAsync(connection, transaction, migrations[next], cancellationToken);
                }

                await SqliteDatabase.ExecuteAsync(connection, transaction, $"PRAGMA user_version = {migrations.Count}", cancellationToken);
                transaction.Commit();
                return version;
            },
            cancellationToken);
    }
}
