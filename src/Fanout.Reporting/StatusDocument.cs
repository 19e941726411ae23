using System.Text.Json;
using System.Text.Json.Serialization;

using Fanout.Journal;

namespace Fanout.Reporting;

/// <summary>
/// The <c>fanout status --json</c> contract of DESIGN.md: camelCase, fields may be added, none removed.
/// </summary>
public sealed record StatusDocument(RunStatus Run, IReadOnlyList<TaskStatus> Tasks)
{
    public static JsonSerializerOptions JsonOptions => StatusJsonContext.Default.Options;

    /// <summary>Written by code generated at compile time: <c>status --json</c> is called in loops, and building a serializer by reflection cost it more than the rest.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, StatusJsonContext.Default.StatusDocument);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;

public sealed record RunStatus(
    string Id,
    string State,
    string Plan,
    string PlanFile,
    string Repository,
    string Base,
    string BaseCommit,
    string Strategy,
    string Tracker,
    int MaxParallel,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    IReadOnlyDictionary<string, int> Counts,
    MetricsStatus Metrics)
{
    /// <summary>How many times the run was started: 1, plus one per resume or retry.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>For an <c>interrupted</c> run, when its process was last heard from; null otherwise.</summary>
    public DateTimeOffset? InterruptedAt { get; init; }

    /// <summary>For an interrupted or unfinished run, the command that continues it; null otherwise.</summary>
    public string? Resume { get; init; }

    /// <summary>The planner of a goal run (<c>run --goal</c>); null for a run of a written plan.</summary>
    public PlanningStatus? Planning { get; init; }
}

/// <param name="Seconds">How long the planner wrote, so far while it still does.</param>
public sealed record PlanningStatus(string Goal, string Planner, string State, int Tasks, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, double Seconds, string? Detail);

/// <param name="PeakMemoryMB">The fanout process's own peak resident memory, agents excluded; null until the run ends.</param>
public sealed record MetricsStatus(double SetupSeconds, double WallSeconds, double ParallelEfficiency, double ErrorRate, int TrackerRequests, double? PeakMemoryMB)
{
    /// <summary>Seconds until the first task's agent could start; null until one could.</summary>
    public double? FirstAgentSeconds { get; init; }

    /// <summary>The median of the seconds until each task's agent could start.</summary>
    public double? MedianAgentSeconds { get; init; }

    /// <summary>Seconds until the last task's agent could start, of those that got so far.</summary>
    public double? LastAgentSeconds { get; init; }
}

public sealed record TaskStatus(
    string Id,
    string Title,
    string State,
    string? Phase,
    int? Issue,
    string? IssueUrl,
    string? Branch,
    string? Worktree,
    IReadOnlyList<string> DependsOn,
    double SetupSeconds,
    double? Seconds,
    IReadOnlyDictionary<string, double> PhaseSeconds,
    string? Reason,
    FailureStatus? Error)
{
    /// <summary>How the task's worker last ended before any merge or clean (succeeded, failed, blocked, cancelled); null while it runs.</summary>
    public string? Outcome { get; init; }

    /// <summary>How many attempts took the task up.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The <c>fanout worker</c> that ran the task, when the run is spread over machines; left out otherwise.</summary>
    public string? Worker { get; init; }

    /// <summary>What the agent last reported of its progress.</summary>
    public string? Progress { get; init; }

    /// <summary>The question the agent is waiting on now; null when it waits for none.</summary>
    public string? Question { get; init; }

    /// <summary>Questions the agent asked, answered or not.</summary>
    public int Questions { get; init; }

    /// <summary>Seconds the agent spent waiting for answers (an open question counts until now).</summary>
    public double WaitingSeconds { get; init; }

    /// <summary>When the planner emitted the task (goal runs).</summary>
    public DateTimeOffset? AppearedAt { get; init; }

    /// <summary>When its agent could start (its first wait for dependencies, else its first agent phase).</summary>
    public DateTimeOffset? AgentReadyAt { get; init; }
}

public sealed record FailureStatus(string Phase, string Message, string? Command, int? ExitCode, string? StderrTail);
