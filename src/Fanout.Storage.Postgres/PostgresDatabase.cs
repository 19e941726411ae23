using Fanout.Core;

using Npgsql;

namespace Fanout.Storage.Postgres;

/// <summary>
/// The shared database of runs spread over machines: one Npgsql data source (its own connection
/// pool) for a connection string given as Npgsql keywords or as a <c>postgres://</c> URL. The
/// password never appears in anything this type prints: <see cref="Description"/> names the
/// server and the database only.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(NpgsqlDataSource source, string description, string connectionString)
    {
        Source = source;
        Description = description;
        ConnectionString = connectionString;
    }

    public NpgsqlDataSource Source { get; }

    /// <summary>host:port/database, for messages and logs.</summary>
    public string Description { get; }

    /// <summary>The connection string in Npgsql's keyword form, for Hangfire's storage; never print it.</summary>
    public string ConnectionString { get; }

    /// <summary>Parses <paramref name="connection"/> (bad input when it is neither form) and makes its data source; connects to nothing yet.</summary>
    public static PostgresDatabase Open(string connection)
    {
        var builder = Parse(connection);

        // A worker's slots and its journal share one pool; the pool's own default of 100 is the server's whole budget.
        if (builder.MaxPoolSize == 100)
        {
            builder.MaxPoolSize = 20;
        }

        builder.ApplicationName ??= "fanout";
        var description = $"{builder.Host}:{builder.Port}/{builder.Database}";
        return new PostgresDatabase(NpgsqlDataSource.Create(builder), description, builder.ConnectionString);
    }

    /// <summary>Npgsql keywords (<c>Host=…;Database=…</c>) or a <c>postgres://user:password@host:port/database?option=value</c> URL.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var text = connection.Trim();
        if (text.Length == 0)
        {
            throw new UserInputException("--db: the connection string is empty; give an Npgsql connection string (Host=...;Database=...) or a postgres:// URL");
        }

        try
        {
            return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUrl(new Uri(text))
                : new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception error) when (error is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            // Npgsql's message may quote the string, password included: say only what is wrong with it.
            throw new UserInputException($"--db: not a connection string Fanout can read ({error.GetType().Name}); give an Npgsql connection string (Host=...;Database=...) or a postgres://user:password@host:port/database URL");
        }
    }

    public ValueTask DisposeAsync() => Source.DisposeAsync();

    private static NpgsqlConnectionStringBuilder FromUrl(Uri url)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host, Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port };
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, string.Empty);
            builder[Uri.UnescapeDataString(key)] = Uri.UnescapeDataString(value);
        }

        return builder;
    }
}
