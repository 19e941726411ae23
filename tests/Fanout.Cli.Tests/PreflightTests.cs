using System.Net;
using System.Net.Sockets;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>A run that cannot work is refused before anything is created, and --dry-run says what would fail.</summary>
public sealed class PreflightTests
{
    /// <summary>A PATH with git and a shell but no agent CLI.</summary>
    private static readonly Dictionary<string, string?> NoAgents = new() { ["PATH"] = "/usr/bin:/bin" };

    [Fact]
    public async Task An_agent_that_is_not_installed_stops_the_run_before_any_issue_branch_or_worktree()
    {
        using var repository = await PlanAsync("agent: gemini\ntasks:\n  - id: a\n    prompt: Do a.\n  - id: b\n    prompt: Do b.\n");

        var run = await FanoutCli.RunAsync(repository.Path, NoAgents, "run", "fanout.yaml");

        run.ExitCode.ShouldBe(2, run.StandardError);
        run.StandardError.Trim().ShouldBe("fanout: agent 'gemini' needs 'gemini', which is not on PATH; install it (npm install -g @google/gemini-cli) or choose another agent with --agent; 'fanout doctor' checks every agent");
        await ShouldHaveCreatedNothingAsync(repository);
    }

    [Fact]
    public async Task A_dry_run_runs_the_same_checks_and_prints_one_line_per_problem()
    {
        using var repository = await PlanAsync("""
            base: no-such-branch
            agent: edit
            agents:
              edit: {command: [no-such-agent-cli, '{prompt_file}']}
            tasks:
              - id: a
                prompt: Do a.
              - id: b
                prompt: Do b.
                agent: codex
            """);

        var dryRun = await FanoutCli.RunAsync(repository.Path, NoAgents, "run", "fanout.yaml", "--dry-run");

        dryRun.ExitCode.ShouldBe(2, dryRun.StandardError);
        var lines = dryRun.StandardError.TrimEnd().Split('\n');
        lines.Length.ShouldBe(3, dryRun.StandardError);
        lines.ShouldContain(l => l.EndsWith("agent 'edit' runs 'no-such-agent-cli', which is not found on PATH; install it or fix the agent's 'command:'", StringComparison.Ordinal) && l.StartsWith("fanout.yaml:4:3: ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("fanout: agent 'codex' needs 'codex', which is not on PATH", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("base 'no-such-branch' does not name a commit", StringComparison.Ordinal));
        dryRun.StandardOutput.ShouldBeEmpty();
        await ShouldHaveCreatedNothingAsync(repository);
    }

    [Fact]
    public async Task An_agent_program_the_setup_installs_is_left_to_the_run()
    {
        using var repository = await PlanAsync("agent: local\nagents:\n  local: {command: [./node_modules/.bin/agent]}\nsetup: npm ci\ntasks:\n  - id: a\n    prompt: Do a.\n");

        var dryRun = await FanoutCli.RunAsync(repository.Path, NoAgents, "run", "fanout.yaml", "--dry-run");

        dryRun.ExitCode.ShouldBe(0, dryRun.StandardError);
        dryRun.StandardOutput.ShouldContain("Nothing was created.");
    }

    [Fact]
    public async Task A_github_that_does_not_answer_stops_the_run_naming_the_host_and_what_to_change()
    {
        var port = ClosedPort();
        using var repository = await PlanAsync($"tracker: github\ngithub: {{repo: acme/widgets, baseUrl: 'http://127.0.0.1:{port}/'}}\nagent: edit\nagents:\n  edit: {{command: [sh, -c, 'true']}}\ntasks:\n  - id: a\n    prompt: Do a.\n");
        var token = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "ghp_preflightToken000000000000000000000000", ["GH_TOKEN"] = null };

        var run = await FanoutCli.RunAsync(repository.Path, token, "run", "fanout.yaml");

        run.ExitCode.ShouldBe(2, run.StandardError);
        var line = run.StandardError.Trim().Split('\n').ShouldHaveSingleItem();
        line.ShouldStartWith("fanout: cannot reach GitHub at 127.0.0.1 (");
        line.ShouldContain("connect timeout 10 s");
        line.ShouldContain("'github: baseUrl:'");
        line.ShouldContain("--tracker local");
        line.ShouldNotContain("ghp_preflightToken");
        await ShouldHaveCreatedNothingAsync(repository);
    }

    private static async Task<GitRepository> PlanAsync(string plan)
    {
        var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", plan);
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");
        return repository;
    }

    private static async Task ShouldHaveCreatedNothingAsync(GitRepository repository)
    {
        Directory.Exists(Path.Combine(repository.Path, ".git", "fanout")).ShouldBeFalse("no journal, no local issues");
        (await repository.BranchesAsync()).ShouldBe(["main"]);
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
    }

    /// <summary>A port nothing listens on: taken, then let go.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
