namespace Fanout.Plans;

/// <summary>Agent presets every plan may name without defining them, and the options each one accepts.</summary>
public static class BuiltInAgents
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "claude", "codex", "gemini", "aider",
    };

    /// <summary>The <c>options:</c> keys of each preset; checked when a plan loads, so a typo is not a silent no-op.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PresetOption>> Options { get; } = new Dictionary<string, IReadOnlyList<PresetOption>>(StringComparer.Ordinal)
    {
        ["claude"] =
        [
            new("permissionMode", ["acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "plan"]),
            new("allowedTools"),
            new("model"),
            new("maxTurns") { WholeNumber = true },
        ],
        ["codex"] = [new("model"), new("sandbox", ["read-only", "workspace-write", "danger-full-access"])],
        ["gemini"] = [new("model"), new("approvalMode", ["default", "auto_edit", "yolo", "plan"])],
        ["aider"] = [new("model")],
    };
}

/// <summary>One option of a preset: free text, one of a few choices, or a whole number.</summary>
public sealed record PresetOption(string Name, IReadOnlyList<string> Choices)
{
    public PresetOption(string name)
        : this(name, [])
    {
    }

    public bool WholeNumber { get; init; }

    /// <summary>The largest whole number an option takes (maxTurns): more turns than any task needs.</summary>
    public const int MaxWholeNumber = 10_000;

    /// <summary>Why a value is not acceptable, or null when it is.</summary>
    public string? Problem(string value)
    {
        if (Choices.Count > 0 && !Choices.Contains(value, StringComparer.Ordinal))
        {
            return $"use one of: {string.Join(", ", Choices)}";
        }

        return WholeNumber && new WholeNumberRule(Name, 1, MaxWholeNumber).Check(value, out _) is { } problem ? problem : null;
    }
}
