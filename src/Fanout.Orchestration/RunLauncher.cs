using System.Threading.Channels;

using Fanout.Agents;
using Fanout.Journal;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>Opens the embedded journal and the run's tracker for a prepared run's repository and runs it.</summary>
public static class RunLauncher
{
    /// <summary>How long a finished run waits for the pool refill it started; after that the refill stops and the next warm finishes it.</summary>
    public static readonly TimeSpan RefillBudget = TimeSpan.FromSeconds(30);

    /// <summary>Held for as long as the run's process lives: gc tells a crashed run from a running one by it.</summary>
    public static string RunLock(RepositoryPaths paths, string runId)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.LockDir, $"run-{runId}.lock");
    }

    public static async Task<RunOutcome> LaunchAsync(PreparedRun prepared, TimeProvider time, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var runner = ProcessRunner.Instance;

        // The tracker first: a GitHub token that does not work stops the run before the journal has it.
        await using var tracker = await TrackerFactory.OpenAsync(prepared.Tracker, prepared.Paths.TrackerFile, prepared.TrackerLatency, time, cancellationToken);
        await using var journal = await SqliteJournal.OpenAsync(prepared.Paths.JournalFile, cancellationToken);
        var runLock = RunLock(prepared.Paths, prepared.RunId);
        await using var running = await RepositoryLock.AcquireAsync(runLock, cancellationToken);
        try
        {
            return await RunAsync(prepared, runner, journal, tracker, time, live, cancellationToken);
        }
        finally
        {
            // Deleted while still held: only gc probes run locks, and a lock file left behind means a crashed run.
            File.Delete(runLock);
        }
    }

    private static async Task<RunOutcome> RunAsync(PreparedRun prepared, ProcessRunner runner, SqliteJournal journal, ITracker tracker, TimeProvider time, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        var engine = new WorktreeEngine(prepared.Paths, runner, time);
        await using var workspaces = new PooledWorkspaceProvider(engine, new WorktreePool(prepared.Paths, engine, runner));
        var context = new RunContext(prepared.RunId, prepared.Plan, prepared.Paths, prepared.BaseRef, prepared.BaseCommit, prepared.Strategy, prepared.MaxParallel)
        {
            Tracker = tracker,
            Workspaces = workspaces,
            Git = new Git(prepared.Paths.Root, runner),
            Runner = runner,
            Agents = new AgentFactory(runner),
            Recorder = new RunRecorder(journal, time, live),
            PullRequests = prepared.PullRequests,
            Environments = new EnvironmentPreparer(prepared.Paths, prepared.Plan.Include, runner, prepared.Plan.PortBlockSize ?? PortAllocator.DefaultBlockSize),
        };
        var outcome = await new Orchestrator(context) { Merge = prepared.Merge }.RunAsync(cancellationToken);
        await workspaces.FinishRefillAsync(RefillBudget, cancellationToken);
        return outcome;
    }
}
