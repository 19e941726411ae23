namespace Fanout.Agents;

/// <summary>The agent CLIs Fanout knows how to run non-interactively.</summary>
public static class AgentPresets
{
    private static readonly Dictionary<string, IAgentPreset> Presets = new IAgentPreset[]
    {
        new ClaudePreset(), new CodexPreset(), new GeminiPreset(), new AiderPreset(),
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => Presets.Keys;

    public static IReadOnlyCollection<IAgentPreset> All => Presets.Values;

    public static IAgentPreset? Find(string name) => Presets.GetValueOrDefault(name);

    public static IAgentPreset Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown agent preset '{name}'", nameof(name));
}
