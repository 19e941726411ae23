namespace Fanout.Journal;

/// <summary>A run as the journal knows it: the fold of its events.</summary>
public sealed record RunSnapshot(string Id, RunInfo Info, RunState State, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int? ExitCode)
{
    public IReadOnlyList<TaskSnapshot> Tasks { get; init; } = [];

    public int TrackerRequests { get; init; }

    /// <summary>The latest preparation of the run's integration worktree (include files, cache, setup); null when none began.</summary>
    public PhaseSpan? IntegrationPreparation { get; init; }

    /// <summary>The branches <c>fanout merge --into</c> landed the run's tasks in, first landing first.</summary>
    public IReadOnlyList<string> LandedInto { get; init; } = [];

    /// <summary>The tracker's rate-limit budget as last reported; null when it never said.</summary>
    public int? RateLimitRemaining { get; init; }

    /// <summary>The fanout process's peak resident memory, as the run's end recorded it; null while it runs or when not recorded.</summary>
    public long? PeakMemoryBytes { get; init; }

    /// <summary>How many times the run was started: 1, plus one per resume or retry.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Why the latest attempt started: null for the first run, else <c>resume</c> or <c>retry</c>.</summary>
    public string? AttemptReason { get; init; }

    /// <summary>The lease of the process that owns the run, as the journal last heard from it; null when none was kept.</summary>
    public RunLease? Lease { get; init; }

    /// <summary>When the run stopped being heard from, for a run that is <see cref="RunState.Interrupted"/>.</summary>
    public DateTimeOffset? InterruptedAt { get; init; }

    /// <summary>When the run's latest event was journaled.</summary>
    public DateTimeOffset LastHeardAt { get; init; }

    /// <summary>When the run was last heard from: its latest event, or its lease's latest renewal if that came later.</summary>
    public DateTimeOffset HeardFromAt => Lease is { } lease && lease.HeardAt > LastHeardAt ? lease.HeardAt : LastHeardAt;
    /// <summary>The planning agent's part of a run planned from a goal (<c>run --goal</c>); null for a run of a written plan.</summary>
    public PlanningSnapshot? Planning { get; init; }
}

/// <summary>The planner of a goal run: what it was asked, when it started and ended, and how many tasks it gave.</summary>
public sealed record PlanningSnapshot(string Goal, string Planner, DateTimeOffset StartedAt)
{
    /// <summary>Null while the planner is still writing.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public PhaseOutcome? Outcome { get; init; }

    /// <summary>Tasks accepted so far, in the order they appeared.</summary>
    public int Tasks { get; init; }

    /// <summary>What the planner's end said: tasks refused, revised or withdrawn.</summary>
    public string? Detail { get; init; }
}

/// <summary>One question a task's agent asked; <see cref="AnsweredAt"/> is null while the agent waits.</summary>
public sealed record QuestionSnapshot(string Id, string Text, DateTimeOffset AskedAt)
{
    public DateTimeOffset? AnsweredAt { get; init; }

    public string? Answer { get; init; }

    public AnswerSource? By { get; init; }
}

/// <summary>Who owns a live run: the process (pid on host) that renews the lease, and when it last did.</summary>
public sealed record RunLease(string Host, int Pid, DateTimeOffset HeardAt);

public sealed record TaskSnapshot(string Id, string Title, TaskState State)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The phase the task is in, or was in when it stopped.</summary>
    public Phase? Phase { get; init; }

    public int? Issue { get; init; }

    public string? IssueUrl { get; init; }

    public string? Branch { get; init; }

    public string? Worktree { get; init; }

    /// <summary>The branch the task's workspace was about to get, journaled before it was made; kept even if the crash came first.</summary>
    public string? IntendedBranch { get; init; }

    /// <summary>The worktree the task was about to get, journaled before it was made.</summary>
    public string? IntendedWorktree { get; init; }

    /// <summary>The commit the agent's work started from, its dependencies merged in; null when it had none to merge.</summary>
    public string? StartHead { get; init; }

    /// <summary>The agent's own session id, when its output named one (Claude Code, Codex).</summary>
    public string? AgentSession { get; init; }

    /// <summary>The <c>fanout worker</c> that ran the task's latest phase, when the run is spread over machines.</summary>
    public string? Worker { get; init; }

    /// <summary>How the task's worker last ended, before any merge or clean (succeeded, failed, blocked, cancelled); null while it runs.</summary>
    public TaskState? Outcome { get; init; }

    /// <summary>How many attempts took the task up: 1, plus one per resume or retry that ran it again.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Processes of the task's latest attempt that started and were not seen to exit.</summary>
    public IReadOnlyList<ProcessStarted> RunningProcesses { get; init; } = [];

    public string? Reason { get; init; }

    public TaskFailed? Failure { get; init; }

    public IReadOnlyList<PhaseSpan> Phases { get; init; } = [];

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The text of the agent's last activity, whatever its kind.</summary>
    public string? LastActivity { get; init; }

    /// <summary>The kind of that activity: <c>tool</c>, <c>turn</c>, <c>cost</c>, or another the agent reported.</summary>
    public string? LastActivityKind { get; init; }

    /// <summary>The agent's last tool use, as its last <c>tool</c> activity said.</summary>
    public string? LastTool { get; init; }

    /// <summary>The agent's turns: the count its last numbered <c>turn</c> activity gave, plus one for each turn reported since without a number.</summary>
    public int Turns { get; init; }

    /// <summary>What the agent's last <c>cost</c> activity said it has cost, as it wrote it.</summary>
    public string? Cost { get; init; }

    /// <summary>When the planner emitted the task (<c>run --goal</c>); null for a task of a written plan.</summary>
    public DateTimeOffset? AppearedAt { get; init; }

    /// <summary>What the agent last reported of its progress (<c>report_progress</c>, <c>fanout progress</c>).</summary>
    public string? Progress { get; init; }

    /// <summary>Every question the agent asked, in order, answered or not.</summary>
    public IReadOnlyList<QuestionSnapshot> Questions { get; init; } = [];

    /// <summary>The question the agent is waiting on now; null when it waits for none.</summary>
    public QuestionSnapshot? OpenQuestion => Questions.LastOrDefault(question => question.AnsweredAt is null);

    /// <summary>
    /// When the task was ready for its agent: the start of its first wait for dependencies or for a
    /// slot after its setup (waiting is not setup), else of its first agent phase; null until it got there.
    /// </summary>
    public DateTimeOffset? AgentReadyAt => (First(Journal.Phase.Wait) ?? QueuedAfterSetup() ?? First(Journal.Phase.Agent))?.StartedAt;

    /// <summary>Seconds spent waiting for a free slot (the <c>queued</c> phase), open spans until <paramref name="now"/>.</summary>
    public double QueuedSeconds(DateTimeOffset now) =>
        Phases.Where(span => span.Phase == Journal.Phase.Queued).Sum(span => Math.Max(0, ((span.EndedAt ?? now) - span.StartedAt).TotalSeconds));

    /// <summary>The span of <see cref="Phase"/>, the phase started last; its end is null while it runs.</summary>
    public PhaseSpan? CurrentSpan => Phases.Count == 0 ? null : Phases[^1];

    private PhaseSpan? First(Phase phase) => Phases.FirstOrDefault(span => span.Phase == phase);

    private PhaseSpan? QueuedAfterSetup()
    {
        var setupEnded = Phases.Where(span => span.Phase.IsSetup() && span.EndedAt is not null).Select(span => span.EndedAt).DefaultIfEmpty(null).Max();
        return setupEnded is null ? null : Phases.FirstOrDefault(span => span.Phase == Journal.Phase.Queued && span.StartedAt >= setupEnded);
    }
}

/// <summary>One phase of one task; <see cref="EndedAt"/> is null while it runs.</summary>
public sealed record PhaseSpan(Phase Phase, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, PhaseOutcome? Outcome, string? Detail);
