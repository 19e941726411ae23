using Microsoft.Data.Sqlite;

namespace Fanout.Storage;

/// <summary>Opening and retrying against a SQLite file that several fanout processes share.</summary>
public static class SqliteDatabase
{
    private const int MaxAttempts = 20;

    public static async Task<SqliteConnection> OpenAsync(string file, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // Each instance owns its connections, so disposing it really releases the file.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);

            // busy_timeout goes first: switching to WAL needs a lock another process may hold.
            await RetryAsync(
                () => ExecuteAsync(connection, null, "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", cancellationToken),
                cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs SQL without parameters through the provider alone: opening a file is on the path of every
    /// command, and a mapper's first use costs more than the statement.
    /// </summary>
    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or the default when there is no row.</summary>
    public static async Task<T?> ScalarAsync<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture)
            : default;
    }

    /// <summary>A command with its parameters, for reads that the commands people run in a loop make.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>
    /// Runs <paramref name="action"/> again when SQLite still reports the file busy after its own
    /// timeout; the action must be a whole transaction so a retry starts clean.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (SqliteException e) when (IsBusy(e) && attempt < MaxAttempts)
            {
                // Jitter keeps two processes that collided from colliding again in lockstep.
                var delay = Math.Min(25 * attempt, 500) + Random.Shared.Next(25);
                await Task.Delay(TimeSpan.FromMilliseconds(delay), cancellationToken);
            }
        }
    }

    private static bool IsBusy(SqliteException e) =>
        e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED;
}
