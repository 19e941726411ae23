using Npgsql;

namespace Fanout.TestSupport;

/// <summary>
/// A database of its own on the test PostgreSQL server that <c>FANOUT_TEST_DB</c> names (./test.sh and
/// .ci/postgres start a throwaway one), dropped when disposed, so tests never see each other's rows.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "FANOUT_TEST_DB";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The Npgsql connection string of this database.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's connection string; fails the test, saying how to get one, when there is none.</summary>
    public static string Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{Variable} is not set: this test needs a PostgreSQL server. Run ./test.sh (it starts a throwaway cluster when PostgreSQL is installed: apt-get install postgresql), or .ci/postgres dotnet test ..., or set {Variable} to an Npgsql connection string of a superuser");

    public static async Task<PostgresTestDatabase> CreateAsync(string? host = null)
    {
        var server = Server;
        var name = "fanout_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true };
        if (host is not null)
        {
            builder.Host = host;
        }

        return new PostgresTestDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>This database's connection string as a machine at <paramref name="host"/> reaches the server.</summary>
    public string Through(string host) => new NpgsqlConnectionStringBuilder(ConnectionString) { Host = host }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
