using System.Globalization;

namespace Fanout.Journal;

/// <summary>One task of a <see cref="RunFold"/>: its snapshot so far, rebuilt only after it changed.</summary>
internal sealed class TaskFold(string id)
{
    private readonly List<PhaseSpan> _phases = [];
    private readonly List<ProcessStarted> _processes = [];
    private readonly List<QuestionSnapshot> _questions = [];

    // Per phase, where its open spans are, earliest first: a phase that repeats (a retried verify) ends in start order.
    private readonly Dictionary<Phase, Queue<int>> _open = [];
    private TaskSnapshot _task = new(id, id, TaskState.Pending);
    private TaskSnapshot? _snapshot;

    public TaskSnapshot Snapshot => _snapshot ??= _task with { Phases = [.. _phases], RunningProcesses = [.. _processes], Questions = [.. _questions] };

    /// <summary>The earliest span of <paramref name="phase"/> still open: the one its next end closes.</summary>
    public PhaseSpan? OpenSpan(Phase phase) =>
        _open.TryGetValue(phase, out var open) && open.TryPeek(out var index) ? _phases[index] : null;

    public void Apply(TaskEvent taskEvent)
    {
        _task = taskEvent switch
        {
            TaskRegistered e => _task with { Title = e.Title, DependsOn = e.DependsOn },
            PhaseStarted e => Started(e),
            PhaseEnded e => Ended(e),
            TaskStateChanged e => StateChanged(e),
            TaskLinked e => _task with
            {
                Issue = e.Issue ?? _task.Issue,
                IssueUrl = e.IssueUrl ?? _task.IssueUrl,
                Branch = e.Branch ?? _task.Branch,
                Worktree = e.Worktree ?? _task.Worktree,
                AgentSession = e.AgentSession ?? _task.AgentSession,
                StartHead = e.StartHead ?? _task.StartHead,
            },
            WorkspaceIntended e => _task with { IntendedBranch = e.Branch, IntendedWorktree = e.Worktree },
            ProcessStarted e => Process(e),
            ProcessExited e => Exited(e),
            TaskResumed e => Resumed(e),
            TaskFailed e => _task with { Failure = e },
            AgentActivity e => Activity(e),
            TaskAppeared e => _task with { AppearedAt = _task.AppearedAt ?? e.At },
            ProgressReported e => _task with { Progress = e.Text },
            QuestionAsked e => Asked(e),
            QuestionAnswered e => Answered(e),
            _ => _task,
        };
        _snapshot = null;
    }

    private TaskSnapshot Asked(QuestionAsked e)
    {
        if (_questions.All(question => question.Id != e.QuestionId))
        {
            _questions.Add(new QuestionSnapshot(e.QuestionId, e.Question, e.At));
        }

        return _task;
    }

    // The first answer counts: a late one (the user after the timeout) changes nothing the agent saw.
    private TaskSnapshot Answered(QuestionAnswered e)
    {
        var index = _questions.FindIndex(question => question.Id == e.QuestionId);
        if (index >= 0 && _questions[index].AnsweredAt is null)
        {
            _questions[index] = _questions[index] with { AnsweredAt = e.At, Answer = e.Answer, By = e.By };
        }

        return _task;
    }

    private TaskSnapshot Started(PhaseStarted e)
    {
        if (!_open.TryGetValue(e.Phase, out var open))
        {
            open = new Queue<int>();
            _open.Add(e.Phase, open);
        }

        open.Enqueue(_phases.Count);
        _phases.Add(new PhaseSpan(e.Phase, e.At, null, null, e.Detail));
        return _task with { Phase = e.Phase, StartedAt = _task.StartedAt ?? e.At, Worker = e.Worker ?? _task.Worker };
    }

    private TaskSnapshot Ended(PhaseEnded e)
    {
        if (_open.TryGetValue(e.Phase, out var open) && open.TryDequeue(out var index))
        {
            var span = _phases[index];
            _phases[index] = span with { EndedAt = e.At, Outcome = e.Outcome, Detail = e.Detail ?? span.Detail };
        }

        return _task;
    }

    // Succeeded then merged then cleaned: the task ended when it first reached a final state.
    private TaskSnapshot StateChanged(TaskStateChanged e)
    {
        var endedAt = !e.State.IsFinal() ? null
            : _task.State.IsFinal() && _task.EndedAt is not null ? _task.EndedAt
            : e.At;
        var outcome = e.State.IsOutcome() ? e.State : e.State.IsFinal() ? _task.Outcome : null;
        return _task with { State = e.State, Reason = e.Reason, EndedAt = endedAt, Outcome = outcome };
    }

    private TaskSnapshot Process(ProcessStarted e)
    {
        _processes.Add(e);
        return _task;
    }

    private TaskSnapshot Exited(ProcessExited e)
    {
        _processes.RemoveAll(p => p.Pid == e.Pid);
        return _task;
    }

    // What the earlier attempt left running is ended before the task is taken up again; nothing of it is running now.
    private TaskSnapshot Resumed(TaskResumed e)
    {
        _processes.Clear();
        return _task with { Attempts = _task.Attempts + 1, Outcome = null, EndedAt = null, Failure = null };
    }

    private TaskSnapshot Activity(AgentActivity e)
    {
        var task = _task with { LastActivity = e.Text, LastActivityKind = e.Kind };
        return e.Kind switch
        {
            "tool" => task with { LastTool = e.Text },

            // An agent that counts its turns says which this is; one that does not just reports another.
            "turn" => task with { Turns = int.TryParse(e.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var turns) ? turns : task.Turns + 1 },
            "cost" => task with { Cost = e.Text },
            _ => task,
        };
    }
}
