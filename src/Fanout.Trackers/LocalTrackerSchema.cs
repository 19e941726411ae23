using Fanout.Storage;

using Microsoft.Data.Sqlite;

namespace Fanout.Trackers;

/// <summary>The local tracker's tables, migrated forward by <c>PRAGMA user_version</c>.</summary>
internal static class LocalTrackerSchema
{
    // Append only: released trackers' files must stay readable, so migrations are never edited.
    // AUTOINCREMENT: an issue number, once shown to a user, never names another issue.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE issues (
            number INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            labels TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            closed_at INTEGER NULL,
            run_id TEXT NULL,
            task_id TEXT NULL,
            UNIQUE (run_id, task_id));
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            issue_number INTEGER NOT NULL REFERENCES issues (number),
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE INDEX comments_by_issue ON comments (issue_number, id);
        """,
    ];

    public static int Version => Migrations.Length;

    public static Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        SqliteSchema.MigrateAsync(
            connection,
            Migrations,
            (found, known) => new TrackerException($"The local tracker {connection.DataSource} has schema version {found}, newer than this fanout understands ({known}); update fanout."),
            cancellationToken);
}
