using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fanout.Reporting.Json;

/// <summary>
/// The one JSON form of what commands print with <c>--json</c> (besides <c>status</c>, <c>report</c>
/// and the event stream): camelCase, enums as camelCase strings, nulls left out, one object per
/// command. docs/json.md is its contract; a test compares the two.
/// </summary>
public static class CommandJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T document) => JsonSerializer.Serialize(document, Options);
}

/// <summary><c>fanout issues list --json</c>.</summary>
public sealed record IssuesListJson(string Tracker, IReadOnlyList<IssueJson> Issues);

public sealed record IssueJson(int Number, string Title, string State, DateTimeOffset CreatedAt, IReadOnlyList<string> Labels)
{
    public string? Url { get; init; }

    public string? RunId { get; init; }

    public string? TaskId { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>One agent a plan uses, as <c>plan check</c> and <c>doctor</c> found it.</summary>
public sealed record AgentCheckJson(string Agent, string Kind, string Program, bool Found)
{
    public string? Path { get; init; }

    public string? Version { get; init; }

    public string? InstallHint { get; init; }
}

/// <summary><c>fanout plan check --json</c>: the plan as loaded, its tasks in dependency order, its agents.</summary>
public sealed record PlanCheckJson(PlanJson Plan, IReadOnlyList<PlanTaskJson> Tasks, IReadOnlyList<string> DependencyOrder, IReadOnlyList<AgentCheckJson> Agents);

public sealed record PlanJson(string Name, string File, string Format, string Agent, string Tracker, int Tasks)
{
    public string? Setup { get; init; }

    public string? Test { get; init; }
}

public sealed record PlanTaskJson(string Id, string Title, int Order, int Wave, string Agent, IReadOnlyList<string> DependsOn);

/// <summary><c>fanout doctor --json</c>.</summary>
public sealed record DoctorJson(IReadOnlyList<AgentCheckJson> Agents, string? Git, int Missing)
{
    /// <summary>The plan checked; null when every preset was.</summary>
    public DoctorPlanJson? Plan { get; init; }
}

public sealed record DoctorPlanJson(string Name, string File);

/// <summary><c>fanout clean --json</c>.</summary>
public sealed record CleanJson(string RunId, IReadOnlyList<CleanedJson> Tasks, int Cleaned, int Kept);

public sealed record CleanedJson(string TaskId, bool Cleaned, bool WorktreeRemoved, bool BranchDeleted, string Description)
{
    public string? Worktree { get; init; }

    public string? Branch { get; init; }

    /// <summary>Why it was kept: the work that removing it would lose.</summary>
    public string? Refused { get; init; }
}

/// <summary><c>fanout gc --json</c>.</summary>
public sealed record GcJson(IReadOnlyList<GcItemJson> Items, int Removed, int Kept, long WorktreeRootBytes, long PoolBytes, long CacheBytes);

public sealed record GcItemJson(string Action, string Kind, string Path, long Bytes, string Why);

/// <summary><c>fanout pool status --json</c>.</summary>
public sealed record PoolStatusJson(IReadOnlyList<PooledJson> Worktrees, int Target, long Bytes, long MaxDiskMB)
{
    public string? Base { get; init; }
}

public sealed record PooledJson(string State, string Path, long Bytes)
{
    public string? Head { get; init; }
}
