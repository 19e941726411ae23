namespace Fanout.Plans;

/// <summary>Agent presets every plan may name without defining them.</summary>
public static class BuiltInAgents
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "claude", "codex", "gemini", "aider",
    };
}
