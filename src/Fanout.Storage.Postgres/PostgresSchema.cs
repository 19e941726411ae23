using Dapper;

using Npgsql;

namespace Fanout.Storage.Postgres;

/// <summary>
/// Fanout's tables in the shared database, in their own schema <c>fanout</c> (Hangfire keeps its
/// own), migrated forward under an advisory lock so machines starting at once never race.
/// </summary>
internal static class PostgresSchema
{
    // Append only: a database other fanout versions share must stay readable, so migrations are never edited.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE fanout.events (
            seq BIGSERIAL PRIMARY KEY,
            run_id TEXT NOT NULL,
            task_id TEXT NULL,
            at BIGINT NOT NULL,
            kind TEXT NOT NULL,
            json TEXT NOT NULL);
        CREATE INDEX events_by_run ON fanout.events (run_id, seq);
        CREATE TABLE fanout.runs (
            id TEXT PRIMARY KEY,
            plan_name TEXT NOT NULL,
            started_at BIGINT NOT NULL,
            ended_at BIGINT NULL,
            state TEXT NOT NULL,
            exit_code INTEGER NULL,
            listed BIGSERIAL);
        CREATE INDEX runs_by_start ON fanout.runs (started_at);
        CREATE TABLE fanout.leases (
            run_id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            heard_at BIGINT NOT NULL);
        CREATE TABLE fanout.issues (
            number SERIAL PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            labels TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            closed_at BIGINT NULL,
            run_id TEXT NULL,
            task_id TEXT NULL,
            UNIQUE (run_id, task_id));
        CREATE TABLE fanout.comments (
            id BIGSERIAL PRIMARY KEY,
            issue_number INTEGER NOT NULL REFERENCES fanout.issues (number),
            body TEXT NOT NULL,
            created_at BIGINT NOT NULL);
        CREATE INDEX comments_by_issue ON fanout.comments (issue_number, id);
        CREATE TABLE fanout.task_claims (
            run_id TEXT NOT NULL,
            task_id TEXT NOT NULL,
            worker TEXT NOT NULL,
            heard_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (run_id, task_id));
        """,
    ];

    /// <summary>The advisory lock key of schema changes ("fanout" in ASCII).</summary>
    private const long MigrationLock = 0x66616E6F7574;

    /// <summary>The advisory lock every append holds until it commits, so sequence order is commit order and a follower never skips a row.</summary>
    public const long AppendLock = 0x66616E6F7575;

    public static int Version => Migrations.Length;

    public static async Task MigrateAsync(NpgsqlDataSource source, string description, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE SCHEMA IF NOT EXISTS fanout; CREATE TABLE IF NOT EXISTS fanout.schema_version (version INTEGER NOT NULL)",
            transaction: transaction,
            cancellationToken: cancellationToken));
        var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT max(version) FROM fanout.schema_version", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException($"The database {description} has Fanout schema version {version}, newer than this fanout understands ({Migrations.Length}); update fanout.");
        }

        for (var next = version; next < Migrations.Length; next++)
        {
            await connection.ExecuteAsync(new CommandDefinition(Migrations[next], transaction: transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM fanout.schema_version; INSERT INTO fanout.schema_version (version) VALUES (@Version)",
            new { Version = Migrations.Length },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
