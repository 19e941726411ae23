using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Orchestration.Resuming;

/// <summary>A run made ready to be taken up again: the prepared run under its own id and base, and what to take up.</summary>
public sealed record ResumedRun(PreparedRun Prepared, Resumption Resumption, RunSnapshot Before)
{
    /// <summary>Nothing to take up: every task succeeded (a resume of a finished run).</summary>
    public bool NothingToDo => Resumption.TakenUp.Count == 0;
}

/// <summary>
/// Reads an interrupted, cancelled or failed run back from the journal and decides what each task
/// does next: a task that succeeded (or merged) is kept; every other one is taken up where the journal
/// says it was. A retry takes up the tasks it names, agents included, and whatever they had blocked.
/// </summary>
public static class ResumePreparation
{
    public static async Task<ResumedRun> PrepareAsync(FanoutSession session, ResumeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var run = await session.LoadRunAsync(request.RunId, cancellationToken);
        if (run.State == RunState.Running)
        {
            var owner = run.Lease is { } lease ? $" (process {lease.Pid} on {lease.Host})" : string.Empty;
            throw new UserInputException($"run {run.Id} is still running{owner}; follow it with 'fanout status --watch', or stop it with Ctrl+C before taking it up again");
        }

        var plan = PlanOf(run, session);
        var journaled = run.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var started = (run.Info.TaskIds ?? [.. journaled.Keys]).ToHashSet(StringComparer.Ordinal);
        var missing = plan.Tasks.Where(t => !started.Contains(t.Id)).Select(t => t.Id).Concat(started.Where(id => plan.Tasks.All(t => t.Id != id))).ToArray();
        if (missing.Length > 0)
        {
            throw new UserInputException($"{plan.SourceFile}: the plan's tasks changed since run {run.Id} started ({string.Join(", ", missing)}); a run is taken up with the tasks it started with, so restore the plan or start a new run");
        }

        // A run killed right after it started may not have registered every task: nothing of theirs exists yet.
        var unregistered = plan.Tasks.Where(t => !journaled.ContainsKey(t.Id)).ToArray();
        foreach (var task in unregistered)
        {
            journaled[task.Id] = new TaskSnapshot(task.Id, task.Title, TaskState.Pending) { DependsOn = task.DependsOn };
        }

        var unknown = request.Retry.Where(id => !journaled.ContainsKey(id)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UserInputException($"run {run.Id} has no task '{unknown[0]}'; its tasks: {string.Join(", ", plan.DependencyOrder)}");
        }

        var takenUp = request.IsRetry ? RetrySet(plan, journaled, request.Retry) : ResumeSet(journaled);
        var resumption = new Resumption(run.Attempts + 1, request.IsRetry ? Resumption.Retry : Resumption.Resume, journaled, takenUp)
        {
            AgentAgain = request.Retry.ToHashSet(StringComparer.Ordinal),
            FollowUp = request.FollowUp,
            Unregistered = unregistered.Select(t => t.Id).ToHashSet(StringComparer.Ordinal),
            StoppedAt = run.InterruptedAt ?? run.EndedAt,
        };
        var prepared = await PreparedAsync(session, run, plan, cancellationToken);
        return new ResumedRun(request.Merge ? prepared with { Merge = LiveMerge.SettingsFor(prepared) } : prepared, resumption, run);
    }

    /// <summary>Every task that did not end well, whatever stopped it.</summary>
    private static HashSet<string> ResumeSet(Dictionary<string, TaskSnapshot> journaled) =>
        journaled.Values.Where(t => !Succeeded(t)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The named tasks, and every task that did not succeed and depends on one of them, directly or not.</summary>
    private static HashSet<string> RetrySet(Plan plan, Dictionary<string, TaskSnapshot> journaled, IReadOnlyList<string> named)
    {
        var set = named.ToHashSet(StringComparer.Ordinal);
        foreach (var id in plan.DependencyOrder)
        {
            if (!set.Contains(id) && !Succeeded(journaled[id]) && plan.Task(id).DependsOn.Any(set.Contains))
            {
                set.Add(id);
            }
        }

        return set;
    }

    private static bool Succeeded(TaskSnapshot task) => (task.Outcome ?? task.State) == TaskState.Succeeded || task.State == TaskState.Merged;

    /// <summary>The run as it was prepared the first time: same id, base, strategy, parallelism, tracker and options (a resume's, and every worker's on another machine).</summary>
    public static async Task<PreparedRun> PreparedAsync(FanoutSession session, RunSnapshot run, Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(run);
        var info = run.Info;
        var tracker = await session.Trackers.ChooseAsync(plan, info.Tracker, cancellationToken);
        var strategy = SetupStrategies.TryParse(info.Strategy, out var parsed) ? parsed : SetupStrategy.Overlap;
        return new PreparedRun(new RunIdentity(run.Id, info.BaseRef, info.BaseCommit), plan, strategy, info.MaxParallel)
        {
            Tracker = tracker,
            AgentOverride = info.Agent,
            PullRequests = info.PullRequests == true,
            TrackerLatency = info.TrackerLatencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero,
        };
    }

    private static Plan PlanOf(RunSnapshot run, FanoutSession session)
    {
        var file = RunPlan.Locate(run.Info, session.Paths);
        return PlanLoader.Load(file, new PlanLoadOptions { AgentOverride = run.Info.Agent, RepositoryRoot = session.Paths.Root });
    }
}
