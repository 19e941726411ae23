using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary><c>fanout doctor</c> and <c>fanout plan check</c> on a PATH that holds a fake claude and no codex.</summary>
public sealed class DoctorTests : IDisposable
{
    private const string Plan = """
        agent: claude
        agents:
          edit:
            command: [sh, -c, 'echo edit']
        tasks:
          - id: a
            prompt: Do it.
          - id: b
            prompt: Do it.
            agent: codex
          - id: c
            prompt: Do it.
            agent: edit
        """;

    private readonly TempDirectory _folder = new("fanout-doctor");

    public DoctorTests()
    {
        var claude = _folder.Write("bin/claude", "#!/bin/sh\n[ \"$1\" = --version ] && echo '9.9.9 (Claude Code)'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(claude, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _folder.Write("fanout.yaml", Plan);
    }

    private Dictionary<string, string?> Path => new() { ["PATH"] = _folder.Combine("bin") + ":/usr/bin:/bin" };

    [Fact]
    public async Task Doctor_reports_each_agent_the_plan_uses_with_its_version_or_install_hint_and_exits_1_when_one_is_missing()
    {
        var run = await FanoutCli.RunAsync(_folder.Path, Path, "doctor", "fanout.yaml");

        run.ExitCode.ShouldBe(1, run.StandardError);
        var lines = run.StandardOutput.Split('\n');
        lines.ShouldContain(l => l.Contains("claude", StringComparison.Ordinal) && l.Contains(_folder.Combine("bin", "claude"), StringComparison.Ordinal) && l.Contains("found") && l.EndsWith("9.9.9 (Claude Code)", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("codex", StringComparison.Ordinal) && l.Contains("missing", StringComparison.Ordinal) && l.EndsWith("install: npm install -g @openai/codex", StringComparison.Ordinal));
        lines.ShouldContain(l => l.TrimStart().StartsWith("edit", StringComparison.Ordinal) && l.Contains("command", StringComparison.Ordinal) && l.Contains("/bin/sh", StringComparison.Ordinal));
        run.StandardOutput.ShouldContain("1 missing.");
    }

    [Fact]
    public async Task Doctor_exits_0_when_every_agent_is_found()
    {
        _folder.Write("found.yaml", Plan.Replace("agent: codex", "agent: claude", StringComparison.Ordinal));

        var run = await FanoutCli.RunAsync(_folder.Path, Path, "doctor", "found.yaml");

        run.ExitCode.ShouldBe(0, run.StandardOutput + run.StandardError);
        run.StandardOutput.ShouldContain("Everything found.");
    }

    [Fact]
    public async Task Doctor_where_there_is_no_plan_checks_every_preset()
    {
        using var empty = new TempDirectory("fanout-no-plan");

        var run = await FanoutCli.RunAsync(empty.Path, Path, "doctor");

        run.ExitCode.ShouldBe(1);
        run.StandardOutput.ShouldStartWith("Agent presets:");
        run.StandardOutput.ShouldContain("install: npm install -g @google/gemini-cli");
        run.StandardOutput.ShouldContain("install: python -m pip install aider-install && aider-install");
    }

    [Fact]
    public async Task Doctor_without_a_plan_argument_checks_the_plan_found_here()
    {
        var run = await FanoutCli.RunAsync(_folder.Path, Path, "doctor");

        run.StandardOutput.ShouldStartWith("Agents of plan ");
        run.StandardOutput.ShouldContain("(fanout.yaml)");
    }

    [Fact]
    public async Task Plan_check_lists_the_agents_and_stays_0_for_a_valid_plan_with_a_missing_agent()
    {
        var run = await FanoutCli.RunAsync(_folder.Path, Path, "plan", "check", "fanout.yaml");

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.StandardOutput.ShouldContain("Agents:");
        run.StandardOutput.ShouldContain("install: npm install -g @openai/codex");
    }

    [Fact]
    public async Task Doctor_on_a_bad_plan_exits_2()
    {
        _folder.Write("bad.yaml", "tasks: 3\n");

        var run = await FanoutCli.RunAsync(_folder.Path, Path, "doctor", "bad.yaml");

        run.ExitCode.ShouldBe(2);
    }

    public void Dispose() => _folder.Dispose();
}
