using System.Threading.Channels;

using Fanout.Agents;
using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>Opens the run's tracker and the session's journal for a prepared run, holds its run lock, and runs it.</summary>
public static class RunLauncher
{
    /// <summary>How long a finished run waits for the pool refill it started; after that the refill stops and the next warm finishes it.</summary>
    public static readonly TimeSpan RefillBudget = TimeSpan.FromSeconds(30);

    public static async Task<RunOutcome> LaunchAsync(FanoutSession session, PreparedRun prepared, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prepared);

        // The tracker first: a GitHub token that does not work stops the run before the journal has it.
        var redactor = Redactor.FromEnvironment(session.Host.Environment);
        await using var tracker = RedactingTracker.Wrap(await session.Trackers.OpenAsync(prepared.Tracker, prepared.TrackerLatency, cancellationToken), redactor);
        var journal = await session.JournalAsync(cancellationToken);
        var runLock = session.Paths.RunLockFile(prepared.RunId);
        await using var running = await RepositoryLock.AcquireAsync(runLock, cancellationToken);
        try
        {
            await using var workspaces = new PooledWorkspaceProvider(session.Worktrees, session.Pool);
            var context = new RunContext(session, prepared)
            {
                Tracker = tracker,
                Workspaces = workspaces,
                Agents = new AgentFactory(session.Runner),
                Recorder = new RunRecorder(journal, session.Time, live, redactor),
                Environments = new EnvironmentPreparer(session.Paths, prepared.Plan.Include, session.Runner, prepared.Plan.PortBlockSize ?? PortAllocator.DefaultBlockSize),
            };
            var outcome = await new Orchestrator(context) { Merge = prepared.Merge }.RunAsync(cancellationToken);
            await workspaces.FinishRefillAsync(RefillBudget, cancellationToken);
            return outcome;
        }
        finally
        {
            // Deleted while still held: only gc probes run locks, and a lock file left behind means a crashed run.
            File.Delete(runLock);
        }
    }
}
