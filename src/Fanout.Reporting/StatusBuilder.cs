using Fanout.Journal;

namespace Fanout.Reporting;

/// <summary>Builds the status contract from a journal snapshot alone.</summary>
public static class StatusBuilder
{
    public static StatusDocument Build(RunSnapshot run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);

        // An interrupted run's clock stopped when it was last heard from.
        now = run.InterruptedAt ?? now;
        var metrics = MetricsCalculator.Compute(run, now);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["total"] = run.Tasks.Count };
        foreach (var state in Enum.GetValues<TaskState>())
        {
            counts[state.Name()] = run.Tasks.Count(t => t.State == state);
        }

        var status = new RunStatus(
            run.Id,
            run.State.Name(),
            run.Info.PlanName,
            run.Info.PlanFile,
            run.Info.Repository,
            run.Info.BaseRef,
            run.Info.BaseCommit,
            run.Info.Strategy,
            run.Info.Tracker,
            run.Info.MaxParallel,
            run.StartedAt,
            run.EndedAt,
            run.ExitCode,
            counts,
            new MetricsStatus(Round(metrics.SetupSeconds), Round(metrics.WallSeconds), Round(metrics.ParallelEfficiency), Round(metrics.ErrorRate), metrics.TrackerRequests, metrics.PeakMemoryMB is { } peak ? Round(peak) : null)
            {
                FirstAgentSeconds = Round(metrics.FirstAgentSeconds),
                MedianAgentSeconds = Round(metrics.MedianAgentSeconds),
                LastAgentSeconds = Round(metrics.LastAgentSeconds),
            })
        {
            Attempts = run.Attempts,
            InterruptedAt = run.InterruptedAt,
            Resume = run.State is RunState.Interrupted or RunState.Cancelled or RunState.Failed ? $"fanout resume {run.Id}" : null,
            Planning = run.Planning is { } p
                ? new PlanningStatus(p.Goal, p.Planner, p.Outcome?.Name() ?? "planning", p.Tasks, p.StartedAt, p.EndedAt, Round(((p.EndedAt ?? now) - p.StartedAt).TotalSeconds), p.Detail)
                : null,
        };
        return new StatusDocument(status, run.Tasks.Select(t => Task(t, now)).ToArray());
    }

    private static TaskStatus Task(TaskSnapshot task, DateTimeOffset now) => new(
        task.Id,
        task.Title,
        task.State.Name(),
        task.Phase?.Name(),
        task.Issue,
        task.IssueUrl,
        task.Branch ?? task.IntendedBranch,
        task.Worktree ?? task.IntendedWorktree,
        task.DependsOn,
        Round(MetricsCalculator.TaskSetupSeconds(task, now)),
        task.StartedAt is { } start ? Round(((task.EndedAt ?? now) - start).TotalSeconds) : null,
        MetricsCalculator.PhaseSeconds(task, now).ToDictionary(p => p.Key.Name(), p => Round(p.Value), StringComparer.Ordinal),
        task.Reason,
        task.Failure is { } f ? new FailureStatus(f.Phase.Name(), f.Message, f.Command, f.ExitCode, f.StderrTail) : null)
    {
        Outcome = task.Outcome?.Name(),
        Attempts = task.Attempts,
        Worker = task.Worker,
        Progress = task.Progress,
        Question = task.OpenQuestion?.Text,
        Questions = task.Questions.Count,
        WaitingSeconds = Round(MetricsCalculator.QuestionSeconds(task, now)),
        AppearedAt = task.AppearedAt,
        AgentReadyAt = task.AgentReadyAt,
    };

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    private static double? Round(double? value) => value is { } known ? Round(known) : null;
}
