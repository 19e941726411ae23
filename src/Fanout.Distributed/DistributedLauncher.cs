using System.Threading.Channels;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Orchestration.Resuming;
using Fanout.Orchestration.Session;
using Fanout.Workspaces;

using Hangfire;

namespace Fanout.Distributed;

/// <summary>
/// <c>fanout run --db</c>: the coordinator. It journals the run in the shared database, enqueues one
/// Hangfire job per task (a task once its dependencies finished: a job waiting for another would hold
/// a worker slot that its own dependency may need), holds the run's lease, and follows the journal
/// until every task has ended; the workers do the tasks. It never touches a task's worktree or issue.
/// </summary>
public static class DistributedLauncher
{
    /// <param name="resume">
    /// Set when <c>fanout resume</c> takes up a run whose coordinator died: the jobs it enqueued are
    /// still Hangfire's (their tasks go on, or went on, on the workers), so this enqueues only the
    /// tasks it never did, follows the run to its end and journals it. Tasks that ended failed or
    /// cancelled stay as they ended.
    /// </param>
    public static async Task<RunOutcome> LaunchAsync(FanoutSession session, PreparedRun prepared, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken, Resumption? resume = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prepared);
        var database = session.Database ?? throw new InvalidOperationException("a distributed run needs the session's database (--db)");
        if (prepared.Merge is not null)
        {
            throw new UserInputException("--merge is not available with --db: the tasks' branches are on the remote; merge them afterwards with 'fanout merge --db ...'");
        }

        var remote = await RunRemote.CheckAsync(session, prepared, cancellationToken);
        var journal = await session.JournalAsync(cancellationToken);
        var runLock = session.Paths.RunLockFile(prepared.RunId);
        await using var running = await RepositoryLock.AcquireAsync(runLock, cancellationToken);
        try
        {
            await using var lease = await RunLeaseKeeper.TakeAsync(journal, prepared.RunId, session.Time, cancellationToken);
            var recorder = new RunRecorder(journal, session.Time, live);
            var info = Orchestrator.InfoOf(prepared, session.Paths.Root, prepared.Tracker.Kind, remote) with { TaskIds = [.. prepared.Plan.Tasks.Select(t => t.Id)] };
            await recorder.RecordAsync(new RunStarted(prepared.RunId, recorder.Now, info, resume?.Attempt ?? 1, resume?.Reason));
            foreach (var task in prepared.Plan.Tasks.Where(t => resume is null || resume.Unregistered.Contains(t.Id)))
            {
                await recorder.RecordAsync(new TaskRegistered(prepared.RunId, recorder.Now, task.Id, task.Title, task.DependsOn));
            }

            var jobs = new BackgroundJobClient(HangfireStore.Open(database));
            var follower = new RunFollower(journal, prepared, jobs, recorder, live);
            var state = await follower.FollowAsync(cancellationToken);
            var exitCode = state switch
            {
                RunState.Succeeded => ExitCodes.Success,
                RunState.Cancelled => ExitCodes.Cancelled,
                _ => ExitCodes.TaskFailed,
            };
            await recorder.RecordAsync(new RunFinished(prepared.RunId, recorder.Now, state, exitCode, ProcessMemory.PeakBytes()));
            return new RunOutcome(prepared.RunId, state, exitCode);
        }
        finally
        {
            File.Delete(runLock);
        }
    }
}
