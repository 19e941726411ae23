using Dapper;

using Microsoft.Data.Sqlite;

namespace Fanout.Storage;

/// <summary>Schemas versioned with <c>PRAGMA user_version</c>: migration N brings version N to N+1.</summary>
public static class SqliteSchema
{
    /// <param name="tooNew">Builds the error for a file written by a newer fanout (its version, ours).</param>
    public static Task MigrateAsync(SqliteConnection connection, IReadOnlyList<string> migrations, Func<long, int, Exception> tooNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(tooNew);
        return SqliteDatabase.RetryAsync(
            async () =>
            {
                // IMMEDIATE: two processes opening a new file at once must not both create the tables.
                using var transaction = connection.BeginTransaction(deferred: false);
                var version = await connection.ExecuteScalarAsync<long>("PRAGMA user_version", transaction: transaction);
                if (version > migrations.Count)
                {
                    throw tooNew(version, migrations.Count);
                }

                for (var next = (int)version; next < migrations.Count; next++)
                {
                    await connection.ExecuteAsync(migrations[next], transaction: transaction);
                }

                await connection.ExecuteAsync($"PRAGMA user_version = {migrations.Count}", transaction: transaction);
                transaction.Commit();
                return version;
            },
            cancellationToken);
    }
}
