using Fanout.TestSupport;

namespace Fanout.Agents.Tests;

/// <summary>
/// A folder of fake agent CLIs (claude, codex, gemini, aider), each the same script: it records its argv, env,
/// working directory and stdin, then prints a captured real output of the agent it stands for.
/// </summary>
internal sealed class FakeAgentCli : IDisposable
{
    private readonly TempDirectory _folder = new();

    public FakeAgentCli()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Records);
        foreach (var name in AgentPresets.Names)
        {
            var path = Path.Combine(Bin, name);
            File.Copy(Fixture("fake-agent.sh"), path);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            }
        }
    }

    public string Bin => _folder.Combine("bin");

    public string Records => _folder.Combine("records");

    public string Worktree => Directory.CreateDirectory(_folder.Combine("worktree")).FullName;

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>An invocation whose PATH starts with the fakes; <paramref name="output"/> names a fixture to print.</summary>
    public AgentInvocation Invocation(string? output = null, int exitCode = 0, string prompt = "# Fix it\n\nDo the thing.\n")
    {
        var promptFile = _folder.Write("prompts/api.md", prompt);
        return new AgentInvocation("r1", "api", "Fix it", promptFile, Worktree, "fanout/r1/api", _folder.Combine("logs", "api.log"))
        {
            Environment = new Dictionary<string, string?>
            {
                ["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["FAKE_RECORD"] = Records,
                ["FAKE_OUTPUT"] = output is null ? string.Empty : Fixture(output),
                ["FAKE_EXIT"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["FANOUT_TASK"] = "api",
                ["GITHUB_TOKEN"] = null,
            },
        };
    }

    public string[] Argv(string program) => File.ReadAllLines(Path.Combine(Records, program, "argv"));

    public string Stdin(string program) => File.ReadAllText(Path.Combine(Records, program, "stdin"));

    public string Cwd(string program) => File.ReadAllText(Path.Combine(Records, program, "cwd")).Trim();

    public IReadOnlyDictionary<string, string> Env(string program) =>
        File.ReadAllLines(Path.Combine(Records, program, "env"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First()[1]);

    public string Log() => File.ReadAllText(_folder.Combine("logs", "api.log"));

    public void Dispose() => _folder.Dispose();
}
