using Fanout.Core;

namespace Fanout.Plans;

public sealed record PlanTask(string Id, string Title, string Prompt, SourcePosition Position)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Agent name for this task; null means the plan's default agent.</summary>
    public string? Agent { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string? Priority { get; init; }

    public CommandSpec? Setup { get; init; }

    public CommandSpec? Test { get; init; }

    /// <summary>What must be true when the task is done; goes into the agent's prompt.</summary>
    public IReadOnlyList<string> Acceptance { get; init; } = [];

    /// <summary>Files the task is expected to touch; goes into the agent's prompt.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Overrides the agent's timeout for this task.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Overrides the agent's retries for this task.</summary>
    public int? Retries { get; init; }

    /// <summary>The file the prompt came from, when it came from one.</summary>
    public string? PromptFile { get; init; }

    /// <summary>Tasks whose agents must never run at the same time as this one's (both ways).</summary>
    public IReadOnlyList<string> ConflictsWith { get; init; } = [];

    /// <summary>An issue that already tracks the task (a ccpm task's <c>github:</c> link): the GitHub tracker uses it instead of opening another.</summary>
    public int? ExistingIssue { get; init; }

    /// <summary>False: this task's agent runs alone, with no other agent at the same time.</summary>
    public bool Parallel { get; init; } = true;
}
