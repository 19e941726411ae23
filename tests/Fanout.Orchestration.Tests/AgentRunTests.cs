using Fanout.Core;
using Fanout.Journal;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>Retries, timeouts, the tracker token and the gate, through the real pipeline with real agent processes.</summary>
public sealed class AgentRunTests : IDisposable
{
    private readonly TempDirectory _outside = new("fanout-outside");

    [Fact]
    public async Task A_failing_agent_is_retried_in_the_same_worktree_each_attempt_its_own_agent_phase()
    {
        var counter = _outside.Combine("attempts");
        var agent = $$"""[sh, -c, 'n=$(cat "{{counter}}" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "{{counter}}"; echo "attempt $n" >> notes.txt; [ $n -ge 3 ] || exit 5']""";
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, agent).Replace("    timeout: 2m", "    timeout: 2m\n    retries: 2", StringComparison.Ordinal));

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var phases = run.Tasks.Single().Phases.Where(p => p.Phase == Phase.Agent).ToArray();
        phases.Select(p => (p.Detail, p.Outcome)).ShouldBe([
            ("attempt 1/3: agent edit exited with code 5", (PhaseOutcome?)PhaseOutcome.Failed),
            ("attempt 2/3: agent edit exited with code 5", PhaseOutcome.Failed),
            ("attempt 3/3", PhaseOutcome.Succeeded),
        ]);
        (await harness.Repository.GitAsync("show", $"{run.Tasks.Single().Branch}:notes.txt")).ShouldBe("attempt 1\nattempt 2\nattempt 3");
    }

    [Fact]
    public async Task An_agent_that_fails_every_attempt_fails_the_task_after_the_last_one()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, "[sh, -c, 'echo no model >&2; exit 3']", taskExtra: _ => "    retries: 1"));

        var (_, run) = await harness.RunAsync();

        var task = run.Tasks.Single();
        task.Phases.Count(p => p.Phase == Phase.Agent).ShouldBe(2);
        (task.Failure!.Phase, task.Failure.ExitCode, task.Failure.Message).ShouldBe((Phase.Agent, (int?)3, "attempt 2/2: agent edit exited with code 3"));
    }

    [Fact]
    public async Task A_task_timeout_overrides_the_agents()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, "[sleep, '60']", taskExtra: _ => "    timeout: 1"));

        var (_, run) = await harness.RunAsync();

        run.Tasks.Single().Failure!.Message.ShouldBe("agent edit timed out after 00:00:01");
    }

    [Theory]
    [InlineData(false, "none")]
    [InlineData(true, "from-plan")]
    public async Task The_tracker_token_reaches_the_agent_only_when_the_plan_says_so(bool pass, string expected)
    {
        var agent = """[sh, -c, 'echo "${GITHUB_TOKEN:-none}" > token.txt']""";
        var plan = PlanText.Plan(1, agent).Replace("    timeout: 2m", $"    timeout: 2m\n    passTrackerToken: {(pass ? "true" : "false")}\n    env: {{GITHUB_TOKEN: from-plan}}", StringComparison.Ordinal);
        using var harness = await RunHarness.CreateAsync(plan);

        var (_, run) = await harness.RunAsync();

        (await harness.Repository.GitAsync("show", $"{run.Tasks.Single().Branch}:token.txt")).ShouldBe(expected);
    }

    [Fact]
    public async Task The_gate_names_the_tests_check_when_the_test_command_fails()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, test: "[sh, -c, 'exit 1']"));

        var (_, run) = await harness.RunAsync();

        run.Tasks.Single().Failure!.Message.ShouldBe("gate: tests: test command exited with code 1");
    }

    [Fact]
    public async Task The_gate_names_the_commits_check_when_the_agent_changed_nothing()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, "[sh, -c, 'echo Done, all tests pass']", test: "[sh, -c, 'exit 0']"));

        var (_, run) = await harness.RunAsync();

        run.Tasks.Single().Failure!.Message.ShouldStartWith("gate: commits: no changes: branch fanout/");
    }

    [Fact]
    public async Task The_prompt_file_holds_the_preamble_acceptance_criteria_and_files()
    {
        var plan = PlanText.Plan(1, taskExtra: _ => "    acceptance: [the file exists]\n    files: [done.txt]")
            .Replace("tasks:", "preamble: Keep commits small.\ntasks:", StringComparison.Ordinal);
        using var harness = await RunHarness.CreateAsync(plan);

        var (_, run) = await harness.RunAsync();

        var prompt = await File.ReadAllTextAsync(Path.Combine(harness.Repository.Path, ".git", "fanout", "runs", run.Id, "prompts", "task-1.md"));
        prompt.ShouldStartWith("Keep commits small.");
        prompt.ShouldContain("- the file exists");
        prompt.ShouldContain("- `done.txt`");
    }

    public void Dispose() => _outside.Dispose();
}
