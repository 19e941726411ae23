using Fanout.Core;

namespace Fanout.Plans;

/// <summary>An agent as a plan defines it: a preset name, or a command under <c>agents:</c>.</summary>
public sealed record AgentDefinition(string Name)
{
    /// <summary>The built-in preset this agent uses (claude, codex, gemini, aider), when it has no command.</summary>
    public string? Preset { get; init; }

    public CommandSpec? Command { get; init; }

    public TimeSpan? Timeout { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Options passed through to a preset (model, permissionMode, maxTurns, ...).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>How many times a failed agent run is retried in the same worktree (null: the task's, else none).</summary>
    public int? Retries { get; init; }

    /// <summary>Whether the tracker's token (GITHUB_TOKEN, GH_TOKEN) reaches the agent; off unless the plan says so.</summary>
    public bool PassTrackerToken { get; init; }

    /// <summary>Variables of Fanout's own environment passed to the agent on purpose (<c>passEnv:</c>), secrets included.</summary>
    public IReadOnlyList<string> PassEnvironment { get; init; } = [];

    public SourcePosition? Position { get; init; }
}
