using Fanout.Plans;

namespace Fanout.Agents;

/// <summary>Non-interactive command lines for the agent CLIs people use; the prompt goes in as text or as its file.</summary>
public static class AgentPresets
{
    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["claude"] = ["claude", "-p", "{prompt}", "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits"],
        ["codex"] = ["codex", "exec", "--json", "--full-auto", "{prompt}"],
        ["gemini"] = ["gemini", "--yolo", "-p", "{prompt}"],
        ["aider"] = ["aider", "--yes-always", "--message-file", "{prompt_file}"],
    };

    public static IReadOnlyCollection<string> Names => Templates.Keys;

    public static CommandSpec Command(string preset) =>
        Templates.TryGetValue(preset, out var argv)
            ? CommandSpec.FromArgv(argv)
            : throw new ArgumentException($"unknown agent preset '{preset}'", nameof(preset));
}
