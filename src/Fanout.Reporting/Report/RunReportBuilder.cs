using Fanout.Core;
using Fanout.Journal;

namespace Fanout.Reporting.Report;

public static class RunReportBuilder
{
    /// <param name="measure">The size of a worktree folder (<see cref="DiskUsage.Measure"/>; tests pass their own).</param>
    /// <param name="logFile">Where a task's log is, named in the failures; null leaves it out.</param>
    public static RunReport Build(RunSnapshot run, DateTimeOffset now, Func<string, long?> measure, Func<string, string>? logFile = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(measure);
        now = run.InterruptedAt ?? now;
        var metrics = MetricsCalculator.Compute(run, now);
        var phases = Enum.GetValues<Phase>()
            .Select(phase => (Phase: phase, Seconds: run.Tasks
                .Select(task => (task.Id, Seconds: MetricsCalculator.PhaseSeconds(task, now).GetValueOrDefault(phase, -1)))
                .Where(x => x.Seconds >= 0)
                .ToList()))
            .Where(x => x.Seconds.Count > 0)
            .Select(x =>
            {
                var longest = x.Seconds.MaxBy(s => s.Seconds);
                return new PhaseStats(x.Phase.Name(), x.Seconds.Count, Median([.. x.Seconds.Select(s => s.Seconds)]), longest.Seconds, longest.Id);
            })
            .ToList();
        var worktrees = run.Tasks
            .Where(task => task.Worktree is not null)
            .Select(task => new WorktreeDisk(task.Id, task.Worktree!, measure(task.Worktree!)))
            .ToList();
        return new RunReport(
            run.Id,
            run.Info.PlanName,
            run.State.Name(),
            run.Info.Strategy,
            run.StartedAt,
            run.EndedAt,
            run.Tasks.Count,
            run.Tasks.Count(task => Ended(task) == TaskState.Succeeded),
            run.Tasks.Count(task => Ended(task) == TaskState.Failed || task.State == TaskState.Conflicted),
            metrics.SetupSeconds,
            metrics.WallSeconds,
            metrics.ParallelEfficiency,
            metrics.ErrorRate,
            metrics.TrackerRequests,
            run.RateLimitRemaining,
            CriticalTask(run, now, metrics.SetupSeconds),
            phases,
            worktrees)
        {
            FirstAgentSeconds = metrics.FirstAgentSeconds,
            MedianAgentSeconds = metrics.MedianAgentSeconds,
            LastAgentSeconds = metrics.LastAgentSeconds,
            Cancelled = run.Tasks.Count(task => Ended(task) == TaskState.Cancelled),
            Blocked = run.Tasks.Count(task => Ended(task) == TaskState.Blocked),
            Attempts = run.Attempts,
            InterruptedAt = run.InterruptedAt,
            Workers = [.. run.Tasks.Where(t => t.Worker is not null).GroupBy(t => t.Worker!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(lane => new WorkerLane(
                lane.Key,
                [.. lane.OrderBy(t => t.StartedAt).Select(t => t.Id)],
                Math.Round(lane.Sum(t => t.StartedAt is { } start && t.EndedAt is { } end ? (end - start).TotalSeconds : 0), 3),
                lane.Count(t => t.Outcome == TaskState.Succeeded)))],
            Planning = Planning(run, now, metrics.WallSeconds),
            Questions = run.Tasks.Sum(task => task.Questions.Count),
            QuestionSeconds = run.Tasks.Sum(task => MetricsCalculator.QuestionSeconds(task, now)),
            QueuedSeconds = run.Tasks.Sum(task => task.QueuedSeconds(now)),
            Failures = run.Tasks
                .Where(task => Ended(task) == TaskState.Failed && task.Failure is not null)
                .Select(task => task.Failure!)
                .Select(f => new FailureDetail(f.TaskId, f.Phase.Name(), f.Message, f.Command, f.ExitCode, f.StderrTail, logFile?.Invoke(f.TaskId)))
                .ToList(),
        };
    }

    /// <summary>The planning figures of a goal run (see <see cref="PlanningReport"/>); null for a run of a written plan.</summary>
    public static PlanningReport? Planning(RunSnapshot run, DateTimeOffset now, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Planning is not { } planning)
        {
            return null;
        }

        double At(DateTimeOffset at) => Math.Max(0, (at - run.StartedAt).TotalSeconds);
        var planned = At(planning.EndedAt ?? now);
        var appeared = run.Tasks.Where(task => task.AppearedAt is not null).ToList();
        var ready = appeared.Select(task => (Appeared: At(task.AppearedAt!.Value), Ready: MetricsCalculator.ReadyAt(task, now) is { } r ? At(r) : (double?)null)).Where(x => x.Ready is not null).ToList();
        var ends = appeared.Select(task => (Appeared: At(task.AppearedAt!.Value), Ended: At(task.EndedAt ?? now))).ToList();
        return new PlanningReport(
            planning.Planner,
            planning.Tasks,
            planned,
            appeared.Count == 0 ? null : appeared.Max(task => At(task.AppearedAt!.Value)),
            ready.Select(x => x.Ready!.Value).DefaultIfEmpty(0).Max(),
            planned + ready.Select(x => Math.Max(0, x.Ready!.Value - x.Appeared)).DefaultIfEmpty(0).Max(),
            wallSeconds,
            planned + ends.Select(x => Math.Max(0, x.Ended - x.Appeared)).DefaultIfEmpty(0).Max());
    }

    /// <summary>How a task ended before any merge or clean: a cleaned task is counted by what it was before.</summary>
    private static TaskState Ended(TaskSnapshot task) => task.State == TaskState.Merged ? TaskState.Succeeded : task.Outcome ?? task.State;

    /// <summary>The task whose setup ended last: the one that set the run's setup time.</summary>
    public static string? CriticalTask(RunSnapshot run, DateTimeOffset now, double setupSeconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Tasks
            .Select(task => (task.Id, Ready: MetricsCalculator.ReadyAtSeconds(run, task, now)))
            .Where(x => x.Ready is { } ready && Math.Abs(ready - setupSeconds) < 1e-9)
            .Select(x => x.Id)
            .FirstOrDefault();
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
