using Fanout.Core;
using Fanout.Journal;
using Fanout.Processes;
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

    private FanoutSession(FanoutHost host, RepositoryPaths paths)
    {
        Host = host;
        Paths = paths;
        Git = new Git(paths.Root, host.Runner);
        Worktrees = new WorktreeEngine(paths, host.Runner, host.Time);
        Pool = new WorktreePool(paths, Worktrees, host.Runner);
        Cleaner = new WorkspaceCleaner(paths, Worktrees, host.Runner);
        Trackers = new TrackerFactory(paths, Git, host);
    }

    public FanoutHost Host { get; }

    public RepositoryPaths Paths { get; }

    public IProcessRunner Runner => Host.Runner;

    public TimeProvider Time => Host.Time;

    public FanoutConsole Console => Host.Console;

    public IGit Git { get; }

    public WorktreeEngine Worktrees { get; }

    public WorktreePool Pool { get; }

    public WorkspaceCleaner Cleaner { get; }

    public TrackerFactory Trackers { get; }

    /// <summary>The session of the repository that holds <paramref name="directory"/> (the current directory when null).</summary>
    public static async Task<FanoutSession> OpenAsync(FanoutHost host, string? directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var paths = await RepositoryLocator.LocateAsync(directory ?? Directory.GetCurrentDirectory(), host.Runner, cancellationToken);
        return new FanoutSession(host, paths);
    }

    /// <summary>The journal, opened (and created, when missing) once for the session.</summary>
    public async Task<IJournal> JournalAsync(CancellationToken cancellationToken)
    {
        await _journalGate.WaitAsync(cancellationToken);
        try
        {
            return _journal ??= await SqliteJournal.OpenAsync(Paths.JournalFile, cancellationToken);
        }
        finally
        {
            _journalGate.Release();
        }
    }

    /// <summary>The journal only if some run made it: reading status must never create state.</summary>
    public Task<IJournal> ExistingJournalAsync(CancellationToken cancellationToken) =>
        _journal is not null || File.Exists(Paths.JournalFile)
            ? JournalAsync(cancellationToken)
            : throw new UserInputException(NoRunsYet);

    /// <summary>The named run, or the latest when <paramref name="runId"/> is null, from the journal alone.</summary>
    public async Task<RunSnapshot> LoadRunAsync(string? runId, CancellationToken cancellationToken)
    {
        var journal = await ExistingJournalAsync(cancellationToken);
        return await journal.LoadRunAsync(runId, cancellationToken)
            ?? throw new UserInputException(runId is null ? NoRunsYet : $"no run '{runId}' in {Paths.Root}; 'fanout status' shows the latest");
    }

    public async ValueTask DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        _journalGate.Dispose();
    }

    private string NoRunsYet => $"no Fanout runs in {Paths.Root} yet; start one with 'fanout run PLAN'";
}
