using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fanout.Reporting.Report;

/// <summary>
/// What <c>fanout report</c> says about a finished (or running) run: where the time went, how much
/// overlapped, what failed, what the tracker cost and what the worktrees weigh. Computed from the
/// journal and the worktree folders alone.
/// </summary>
public sealed record RunReport(
    string RunId,
    string Plan,
    string State,
    string Strategy,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int Tasks,
    int Succeeded,
    int Failed,
    double SetupSeconds,
    double WallSeconds,
    double ParallelEfficiency,
    double ErrorRate,
    int TrackerRequests,
    int? RateLimitRemaining,
    string? CriticalTask,
    IReadOnlyList<PhaseStats> Phases,
    IReadOnlyList<WorktreeDisk> Worktrees)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Seconds until the first task's agent could start; null when none got so far.</summary>
    public double? FirstAgentSeconds { get; init; }

    /// <summary>The median of the seconds until each task's agent could start.</summary>
    public double? MedianAgentSeconds { get; init; }

    /// <summary>Seconds until the last task's agent could start, of those that got so far.</summary>
    public double? LastAgentSeconds { get; init; }

    /// <summary>Tasks the run's cancellation stopped; they are not failures.</summary>
    public int Cancelled { get; init; }

    /// <summary>Tasks that did not run because a dependency did not succeed.</summary>
    public int Blocked { get; init; }

    /// <summary>How many times the run was started: 1, plus one per resume or retry.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>For an interrupted run, when its process was last heard from: the wall time stops there.</summary>
    public DateTimeOffset? InterruptedAt { get; init; }

    /// <summary>A lane per <c>fanout worker</c> that ran tasks of the run (spread over machines); empty for a run of one process.</summary>
    public IReadOnlyList<WorkerLane> Workers { get; init; } = [];

    /// <summary>The planner's part of a goal run and what starting tasks while it wrote saved; null for a written plan.</summary>
    public PlanningReport? Planning { get; init; }

    /// <summary>Questions the agents asked, and the seconds they spent waiting for the answers (all tasks together).</summary>
    public int Questions { get; init; }

    public double QuestionSeconds { get; init; }

    /// <summary>Seconds tasks spent waiting for a free slot (the <c>queued</c> phase), summed over tasks: not setup, not work.</summary>
    public double QueuedSeconds { get; init; }

    /// <summary>Every failed task: the phase, command, exit code, stderr tail and log that say why.</summary>
    public IReadOnlyList<FailureDetail> Failures { get; init; } = [];

    /// <summary>Bytes in every worktree that still exists; null when none is left to measure.</summary>
    public long? DiskBytes => Worktrees.Any(w => w.Bytes is not null) ? Worktrees.Sum(w => w.Bytes ?? 0) : null;

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>
/// Planning in a goal run, in seconds from the run's start. Planning first and running after would
/// have started every task at <see cref="Seconds"/> and taken as long from there as each took from
/// its appearance: so the last agent would have started at <see cref="PlanThenRunLastAgentSeconds"/>
/// and the run ended at <see cref="PlanThenRunWallSeconds"/>, against this run's own figures.
/// </summary>
public sealed record PlanningReport(
    string Planner,
    int Tasks,
    double Seconds,
    double? LastTaskSeconds,
    double LastAgentSeconds,
    double PlanThenRunLastAgentSeconds,
    double WallSeconds,
    double PlanThenRunWallSeconds)
{
    /// <summary>How much sooner the last agent started than it would have after planning (never below 0).</summary>
    public double SavedToLastAgentSeconds => Math.Max(0, PlanThenRunLastAgentSeconds - LastAgentSeconds);

    /// <summary>How much sooner the run ended than it would have after planning (never below 0).</summary>
    public double SavedSeconds => Math.Max(0, PlanThenRunWallSeconds - WallSeconds);
}

/// <summary>What one worker did: its tasks, in the order it started them, and the seconds it spent on them (summed: its slots overlap).</summary>
public sealed record WorkerLane(string Worker, IReadOnlyList<string> Tasks, double BusySeconds, int Succeeded);

/// <summary>One phase across the tasks that entered it: how many, the median and the longest (seconds, repeats summed per task).</summary>

public sealed record PhaseStats(string Phase, int Tasks, double MedianSeconds, double MaxSeconds, string MaxTask);

/// <summary>A task's worktree and its size in bytes; null when the folder is gone (cleaned up).</summary>
public sealed record WorktreeDisk(string Task, string Path, long? Bytes);

/// <summary>One failed task, as the journal recorded its failure; <see cref="LogFile"/> is where its full output is.</summary>
public sealed record FailureDetail(string Task, string Phase, string Message, string? Command, int? ExitCode, string? StderrTail, string? LogFile);
