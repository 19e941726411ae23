using Fanout.Journal;

namespace Fanout.Reporting.Dashboard;

/// <summary>One dashboard row: what is known about a task so far.</summary>
public sealed record DashboardTask(string Id, TaskState State)
{
    public int? Issue { get; init; }

    public string? Branch { get; init; }

    public Phase? Phase { get; init; }

    public DateTimeOffset? PhaseStartedAt { get; init; }

    /// <summary>Set when the phase ended and no other began: the time in phase stops there.</summary>
    public DateTimeOffset? PhaseEndedAt { get; init; }

    /// <summary>When the agent could start (first wait or agent phase): the end of this task's setup.</summary>
    public DateTimeOffset? ReadyAt { get; init; }

    public string? LastTool { get; init; }

    public int Turns { get; init; }

    public string? Cost { get; init; }

    public string? LastActivity { get; init; }

    public Phase? FailedPhase { get; init; }

    /// <summary>One line: why the task failed or is blocked.</summary>
    public string? Reason { get; init; }

    public bool IsFinal => State.IsFinal();

    public bool IsProblem => State is TaskState.Failed or TaskState.Blocked or TaskState.Conflicted;

    public bool IsActive => !IsFinal && State != TaskState.Pending;
}
