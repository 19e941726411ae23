using Fanout.Core;
using Fanout.Journal;
using Fanout.Processes;
using Fanout.Storage.Postgres;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Session;

/// <summary>
/// One repository's services, built once from its paths: the process runner, the git interface,
/// the worktree engine and pool, the journal, the tracker factory, the clock and the console.
/// Commands ask it for what they need; nothing else builds these.
/// </summary>
public sealed class FanoutSession : IAsyncDisposable
{
    private readonly SemaphoreSlim _journalGate = new(1, 1);
    private IJournal? _journal;

    private FanoutSession(FanoutHost host, LocalRepository repository, PostgresDatabase? database)
    {
        Host = host;
        Repository = repository;
        Database = database;
        Trackers = new TrackerFactory(repository.Paths, repository.Git, host) { Database = database };
    }

    /// <summary>The shared database when the session journals to PostgreSQL (<c>--db</c>, <c>FANOUT_DB</c>); null for the embedded SQLite store.</summary>
    public PostgresDatabase? Database { get; }

    public FanoutHost Host { get; }

    /// <summary>The Workspaces side of the repository: its paths, git, worktree engine, pool and cleaner.</summary>
    public LocalRepository Repository { get; }

    public RepositoryPaths Paths => Repository.Paths;

    public IProcessRunner Runner => Host.Runner;

    public TimeProvider Time => Host.Time;

    public FanoutConsole Console => Host.Console;

    public IGit Git => Repository.Git;

    public WorktreeEngine Worktrees => Repository.Worktrees;

    public WorktreePool Pool => Repository.Pool;

    public WorkspaceCleaner Cleaner => Repository.Cleaner;

    public TrackerFactory Trackers { get; }

    /// <summary>The session of the repository that holds <paramref name="directory"/> (the current directory when null).</summary>
    public static async Task<FanoutSession> OpenAsync(FanoutHost host, string? directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var repository = await LocalRepository.OpenAsync(directory ?? Directory.GetCurrentDirectory(), host.Runner, host.Time, cancellationToken);
        return new FanoutSession(host, repository, host.DatabaseConnection is { } connection ? PostgresDatabase.Open(connection) : null);
    }

    /// <summary>The journal, opened (and created, when missing) once for the session.</summary>
    public async Task<IJournal> JournalAsync(CancellationToken cancellationToken)
    {
        await _journalGate.WaitAsync(cancellationToken);
        try
        {
            return _journal ??= Database is { } database
                ? await PostgresJournal.OpenAsync(database, cancellationToken)
                : await SqliteJournal.OpenAsync(Paths.JournalFile, cancellationToken);
        }
        finally
        {
            _journalGate.Release();
        }
    }

    /// <summary>The journal only if some run made it: reading status must never create state.</summary>
    public Task<IJournal> ExistingJournalAsync(CancellationToken cancellationToken) =>
        _journal is not null || Database is not null || File.Exists(Paths.JournalFile)
            ? JournalAsync(cancellationToken)
            : throw new UserInputException(NoRunsYet);

    /// <summary>
    /// The named run, or the latest when <paramref name="runId"/> is null, from the journal alone; a
    /// journaled <c>running</c> run whose owner is gone reads <c>interrupted</c> (<see cref="RunLiveness"/>).
    /// </summary>
    public async Task<RunSnapshot> LoadRunAsync(string? runId, CancellationToken cancellationToken)
    {
        var journal = await ExistingJournalAsync(cancellationToken);
        var run = await journal.LoadRunAsync(runId, cancellationToken)
            ?? throw new UserInputException(runId is null ? NoRunsYet : $"no run '{runId}' in {Paths.Root}; 'fanout status' shows the latest");
        return await RunLiveness.JudgeAsync(run, Paths, Time.GetUtcNow(), cancellationToken, byLeaseOnly: Database is not null);
    }

    /// <summary>Whether the run's owner is alive now (it holds the run lock here, or renews its lease elsewhere).</summary>
    public async Task<bool> IsAliveAsync(string runId, CancellationToken cancellationToken)
    {
        var journal = await ExistingJournalAsync(cancellationToken);
        return await journal.LoadRunAsync(runId, cancellationToken) is { State: RunState.Running } run
            && await RunLiveness.IsAliveAsync(run, Paths, Time.GetUtcNow(), cancellationToken, byLeaseOnly: Database is not null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        _journalGate.Dispose();
    }

    private string NoRunsYet => Database is { } database
        ? $"no Fanout runs in {database.Description} yet; start one with 'fanout run PLAN --db ...'"
        : $"no Fanout runs in {Paths.Root} yet; start one with 'fanout run PLAN'";
}
