namespace Fanout.Journal;

/// <summary>A run as the journal knows it: the fold of its events.</summary>
public sealed record RunSnapshot(string Id, RunInfo Info, RunState State, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int? ExitCode)
{
    public IReadOnlyList<TaskSnapshot> Tasks { get; init; } = [];

    public int TrackerRequests { get; init; }

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

    /// <summary>
    /// When the task was ready for its agent: the start of its first wait for dependencies (waiting
    /// is not setup), else of its first agent phase; null until it got there.
    /// </summary>
    public DateTimeOffset? AgentReadyAt => (First(Journal.Phase.Wait) ?? First(Journal.Phase.Agent))?.StartedAt;

    /// <summary>The span of <see cref="Phase"/>, the phase started last; its end is null while it runs.</summary>
    public PhaseSpan? CurrentSpan => Phases.Count == 0 ? null : Phases[^1];

    private PhaseSpan? First(Phase phase) => Phases.FirstOrDefault(span => span.Phase == phase);
}

/// <summary>One phase of one task; <see cref="EndedAt"/> is null while it runs.</summary>
public sealed record PhaseSpan(Phase Phase, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, PhaseOutcome? Outcome, string? Detail);
