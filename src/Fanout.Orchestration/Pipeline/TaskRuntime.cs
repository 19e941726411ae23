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

    /// <summary>What earlier attempts of the run did with this task; null in a run's first attempt.</summary>
    public TaskHistory? History { get; init; }

    /// <summary>The instruction a retry adds to the task's prompt; null when there is none.</summary>
    public string? FollowUp { get; init; }

    /// <summary>A retry runs this task's agent again even though it finished before.</summary>
    public bool RunAgentAgain { get; init; }

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

    /// <summary>
    /// A task a resume keeps as the journal has it (it succeeded before): its branch, worktree and
    /// issue come from there, and it counts as finished with <paramref name="state"/> from the start.
    /// </summary>
    public static TaskRuntime Kept(PlanTask task, TaskSnapshot journaled, string baseCommit, TaskState state)
    {
        ArgumentNullException.ThrowIfNull(journaled);
        var runtime = new TaskRuntime(task) { History = new TaskHistory(journaled, 0) };
        if (journaled.Branch is { } branch && journaled.Worktree is { } worktree)
        {
            runtime.Workspace = new Workspace(worktree, branch, baseCommit) { Reused = true };
        }

        if (journaled.Issue is { } number)
        {
            runtime.Issue = System.Threading.Tasks.Task.FromResult(new TrackerIssue(number, journaled.Title, string.Empty, IssueState.Closed, journaled.StartedAt ?? DateTimeOffset.MinValue) { Url = journaled.IssueUrl });
        }

        runtime.Finish(state);
        return runtime;
    }
}
