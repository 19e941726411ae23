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
}

public sealed record TaskSnapshot(string Id, string Title, TaskState State)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The phase the task is in, or was in when it stopped.</summary>
    public Phase? Phase { get; init; }

    public int? Issue { get; init; }

    public string? IssueUrl { get; init; }

    public string? Branch { get; init; }

    public string? Worktree { get; init; }

    public string? Reason { get; init; }

    public TaskFailed? Failure { get; init; }

    public IReadOnlyList<PhaseSpan> Phases { get; init; } = [];

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? LastActivity { get; init; }
}

/// <summary>One phase of one task; <see cref="EndedAt"/> is null while it runs.</summary>
public sealed record PhaseSpan(Phase Phase, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, PhaseOutcome? Outcome, string? Detail);
