using System.Threading.Channels;

using Fanout.Agents;
using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Questions;
using Fanout.Orchestration.Resuming;
using Fanout.Orchestration.Session;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>Opens the run's tracker and the session's journal for a prepared run, holds its run lock and lease, and runs it.</summary>
public static class RunLauncher
{
    /// <summary>How long a finished run waits for the pool refill it started; after that the refill stops and the next warm finishes it.</summary>
    public static readonly TimeSpan RefillBudget = TimeSpan.FromSeconds(30);

    /// <param name="resume">Set to take an earlier attempt of the same run up again; null starts a new run.</param>
    public static Task<RunOutcome> LaunchAsync(FanoutSession session, PreparedRun prepared, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken, Resumption? resume = null) =>
        LaunchAsync(session, prepared, live, context => new Orchestrator(context) { Merge = prepared.Merge, Resume = resume }.RunAsync(cancellationToken), cancellationToken, resume);

    /// <summary>As above, with <paramref name="run"/> doing the run in the context it opened (a run fed by a planner).</summary>
    public static async Task<RunOutcome> LaunchAsync(FanoutSession session, PreparedRun prepared, ChannelWriter<RunEvent>? live, Func<RunContext, Task<RunOutcome>> run, CancellationToken cancellationToken, Resumption? resume = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prepared);

        // The tracker first: a GitHub token that does not work stops the run before the journal has it.
        var redactor = Redactor.FromEnvironment(session.Host.Environment);
        await using var tracker = RedactingTracker.Wrap(await session.Trackers.OpenAsync(prepared.Tracker, prepared.TrackerLatency, cancellationToken), redactor);
        var journal = await session.JournalAsync(cancellationToken);
        var runLock = session.Paths.RunLockFile(prepared.RunId);
        await using var running = resume is null
            ? await RepositoryLock.AcquireAsync(runLock, cancellationToken)
            : await RepositoryLock.TryAcquireAsync(runLock, cancellationToken)
                ?? throw new UserInputException($"run {prepared.RunId} is still running in another process; wait for it to finish, or stop it with Ctrl+C, then resume it");
        try
        {
            await using var lease = await RunLeaseKeeper.TakeAsync(journal, prepared.RunId, session.Time, cancellationToken);
            if (resume is not null)
            {
                await EndLeftoversAsync(journal, prepared.RunId, resume, session.Time);
            }

            await using var workspaces = new PooledWorkspaceProvider(session.Worktrees, session.Pool);
            var context = new RunContext(session, prepared)
            {
                Tracker = tracker,
                Workspaces = workspaces,
                Agents = new AgentFactory(session.Runner),
                Recorder = new RunRecorder(journal, session.Time, live, redactor),
                Environments = new EnvironmentPreparer(session.Paths, prepared.Plan.Include, session.Runner, prepared.Plan.PortBlockSize ?? PortAllocator.DefaultBlockSize),
                Endpoint = TaskEndpoint.For(session, prepared),
            };
            using var forwarding = new CancellationTokenSource();
            var outside = live is null ? Task.CompletedTask : OutsideEvents.ForwardAsync(journal, prepared.RunId, session.Time, live, forwarding.Token);
            RunOutcome outcome;
            try
            {
                outcome = await run(context);
            }
            finally
            {
                await forwarding.CancelAsync();
                await outside;
            }

            await workspaces.FinishRefillAsync(RefillBudget, cancellationToken);
            return outcome;
        }
        finally
        {
            // Deleted while still held: only gc probes run locks, and a lock file left behind means a crashed run.
            File.Delete(runLock);
        }
    }

    /// <summary>
    /// Ends what an interrupted attempt left running (an agent whose watchdog died with it), by pid and
    /// start time so a reused pid is never touched, before any task is taken up again.
    /// </summary>
    private static async Task EndLeftoversAsync(IJournal journal, string runId, Resumption resume, TimeProvider time)
    {
        foreach (var (taskId, task) in resume.Journaled)
        {
            foreach (var process in task.RunningProcesses)
            {
                if (process.StartTicks is { } ticks && ProcessGroups.KillIfSame(process.Pid, ticks))
                {
                    await journal.AppendAsync(new ProcessExited(runId, time.GetUtcNow(), taskId, process.Pid, -9), CancellationToken.None);
                }
            }
        }
    }
}
