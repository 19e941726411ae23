using Fanout.Processes;

using Xunit;

namespace Fanout.TestSupport;

/// <summary>The real Claude Code CLI: installed by .ci/run into artifacts/node, or already on PATH.</summary>
public static class ClaudeCli
{
    public static string? Path { get; } = Locate();

    /// <summary>The variables that keep the CLI offline and off the machine's own settings (see DESIGN.md).</summary>
    public static Dictionary<string, string> OfflineEnvironment(string baseUrl, string stateFolder) => new()
    {
        ["PATH"] = System.IO.Path.GetDirectoryName(Path)! + ":" + Environment.GetEnvironmentVariable("PATH"),
        ["ANTHROPIC_BASE_URL"] = baseUrl,
        ["ANTHROPIC_API_KEY"] = "test",
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        ["DISABLE_TELEMETRY"] = "1",
        ["DISABLE_AUTOUPDATER"] = "1",
        ["CLAUDE_CODE_MAX_RETRIES"] = "0",
        ["CLAUDE_CONFIG_DIR"] = Directory.CreateDirectory(System.IO.Path.Combine(stateFolder, "config")).FullName,
        ["HOME"] = Directory.CreateDirectory(System.IO.Path.Combine(stateFolder, "home")).FullName,
        ["CLAUDE_CODE_TMPDIR"] = Directory.CreateDirectory(System.IO.Path.Combine(stateFolder, "tmp")).FullName,
    };

    private static string? Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Fanout.slnx")))
            {
                var installed = System.IO.Path.Combine(folder.FullName, "artifacts", "node", "node_modules", ".bin", "claude");
                return File.Exists(installed) ? installed : ProgramLocator.Find("claude");
            }
        }

        return ProgramLocator.Find("claude");
    }
}

/// <summary>A test that needs the real Claude Code CLI; skipped, saying why, only when it is not installed.</summary>
public sealed class ClaudeCliFactAttribute : FactAttribute
{
    public ClaudeCliFactAttribute()
    {
        if (ClaudeCli.Path is null)
        {
            Skip = "Claude Code CLI not installed: run .ci/run (it installs @anthropic-ai/claude-code into artifacts/node) or npm install -g @anthropic-ai/claude-code";
        }
    }
}
