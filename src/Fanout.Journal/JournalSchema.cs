using Fanout.Storage;

using Microsoft.Data.Sqlite;

namespace Fanout.Journal;

/// <summary>The journal's tables, migrated forward by <c>PRAGMA user_version</c>.</summary>
internal static class JournalSchema
{
    // Append only: a released fanout's journal must stay readable, so migrations are never edited.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL,
            task_id TEXT NULL,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            json TEXT NOT NULL);
        CREATE INDEX events_by_run ON events (run_id, seq);
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            plan_name TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NULL,
            state TEXT NOT NULL,
            exit_code INTEGER NULL);
        CREATE INDEX runs_by_start ON runs (started_at);
        """,
        """
        CREATE TABLE leases (
            run_id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            heard_at INTEGER NOT NULL);
        """,
    ];

    public static int Version => Migrations.Length;

    public static Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        SqliteSchema.MigrateAsync(
            connection,
            Migrations,
            (found, known) => new InvalidOperationException($"The journal {connection.DataSource} has schema version {found}, newer than this fanout understands ({known}); update fanout."),
            cancellationToken);
}
