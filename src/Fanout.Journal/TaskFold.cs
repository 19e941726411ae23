namespace Fanout.Journal;

/// <summary>One task's snapshot under construction while <see cref="RunFold"/> walks the events.</summary>
internal sealed class TaskFold(string id)
{
    private readonly List<PhaseSpan> _phases = [];
    private TaskSnapshot _task = new(id, id, TaskState.Pending);

    public void Apply(TaskRegistered e) => _task = _task with { Title = e.Title, DependsOn = e.DependsOn };

    public void Apply(PhaseStarted e)
    {
        _phases.Add(new PhaseSpan(e.Phase, e.At, null, null, e.Detail));
        _task = _task with { Phase = e.Phase, StartedAt = _task.StartedAt ?? e.At };
    }

    public void Apply(PhaseEnded e)
    {
        // The earliest open span of the phase: a phase that repeats (a retried verify) ends in start order.
        var index = _phases.FindIndex(span => span.Phase == e.Phase && span.EndedAt is null);
        if (index < 0)
        {
            return;
        }

        var span = _phases[index];
        _phases[index] = span with { EndedAt = e.At, Outcome = e.Outcome, Detail = e.Detail ?? span.Detail };
    }

    public void Apply(TaskStateChanged e)
    {
        // Succeeded then merged then cleaned: the task ended when it first reached a final state.
        var endedAt = !e.State.IsFinal() ? null
            : _task.State.IsFinal() && _task.EndedAt is not null ? _task.EndedAt
            : e.At;
        _task = _task with { State = e.State, Reason = e.Reason, EndedAt = endedAt };
    }

    public void Apply(TaskLinked e) =>
        _task = _task with
        {
            Issue = e.Issue ?? _task.Issue,
            IssueUrl = e.IssueUrl ?? _task.IssueUrl,
            Branch = e.Branch ?? _task.Branch,
            Worktree = e.Worktree ?? _task.Worktree,
        };

    public void Apply(TaskFailed e) => _task = _task with { Failure = e };

    public void Apply(AgentActivity e) => _task = _task with { LastActivity = e.Text };

    public TaskSnapshot ToSnapshot() => _task with { Phases = [.. _phases] };
}
