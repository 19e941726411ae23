using Fanout.Journal;
using Fanout.Plans;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Pipeline;

/// <summary>The mutable side of one task while its worker runs; owned by that worker alone.</summary>
public sealed class TaskRuntime(PlanTask task)
{
    private readonly TaskCompletionSource<TaskState> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PlanTask Task { get; } = task;

    /// <summary>The issue creation under way or done; null until it is started.</summary>
    public Task<TrackerIssue>? Issue { get; set; }

    public Workspace? Workspace { get; set; }

    /// <summary>The branch's head once its dependencies were merged in; the agent's own work is what comes after it.</summary>
    public string? IntegratedHead { get; set; }

    /// <summary>The task's own ports (FANOUT_PORT), once its environment is prepared.</summary>
    public PortBlock? Ports { get; set; }

    public int? IssueNumber => Issue is { IsCompletedSuccessfully: true } issue ? issue.Result.Number : null;

    /// <summary>Completes with the task's final state; dependents wait on it.</summary>
    public Task<TaskState> Finished => _finished.Task;

    public void Finish(TaskState state) => _finished.TrySetResult(state);
}
