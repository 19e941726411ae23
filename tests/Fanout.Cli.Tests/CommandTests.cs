using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task A_refused_plan_exits_2_with_its_position_and_leaves_no_branch_worktree_or_issue()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2, taskExtra: i => $"    dependsOn: [task-{3 - i}]"));

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml");

        run.ExitCode.ShouldBe(2);
        run.StandardError.ShouldMatch(@"fanout\.yaml:\d+:\d+: .*cycle");
        (await repository.BranchesAsync()).ShouldBe(["main"]);
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        Directory.Exists(Path.Combine(repository.Path, ".git", "fanout")).ShouldBeFalse();
        Directory.Exists(repository.Path + ".worktrees").ShouldBeFalse();
    }

    [Fact]
    public async Task A_dry_run_prints_what_would_be_created_and_creates_nothing()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(3));

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml", "--dry-run");

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.StandardOutput.ShouldContain("task-3");
        run.StandardOutput.ShouldContain("fanout/");
        run.StandardOutput.ShouldContain("Nothing was created.");
        (await repository.BranchesAsync()).ShouldBe(["main"]);
        Directory.Exists(Path.Combine(repository.Path, ".git", "fanout")).ShouldBeFalse();
    }

    [Fact]
    public async Task Status_json_has_the_contract_fields()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);

        var status = await FanoutCli.RunAsync(repository.Path, "status", "--json");

        using var json = JsonDocument.Parse(status.StandardOutput);
        var run = json.RootElement.GetProperty("run");
        foreach (var field in new[] { "id", "state", "counts", "metrics" })
        {
            run.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        var metrics = run.GetProperty("metrics");
        foreach (var field in new[] { "setupSeconds", "wallSeconds", "parallelEfficiency", "errorRate", "trackerRequests", "peakMemoryMB" })
        {
            metrics.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Number, field);
        }

        metrics.GetProperty("trackerRequests").GetInt32().ShouldBe(4, "one create and one close per task");
        metrics.GetProperty("peakMemoryMB").GetDouble().ShouldBeGreaterThan(10, "the fanout process itself, agents excluded");
        metrics.GetProperty("setupSeconds").GetDouble().ShouldBeGreaterThan(0);
        metrics.GetProperty("wallSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(metrics.GetProperty("setupSeconds").GetDouble());
        foreach (var task in json.RootElement.GetProperty("tasks").EnumerateArray())
        {
            foreach (var field in new[] { "id", "state", "phase", "issue", "branch", "worktree", "phaseSeconds" })
            {
                task.TryGetProperty(field, out _).ShouldBeTrue(field);
            }

            task.GetProperty("phaseSeconds").GetProperty("agent").GetDouble().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task A_run_with_a_failing_task_exits_1_and_logs_and_issues_show_why()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2, """[sh, -c, 'echo working; if [ "$FANOUT_TASK" = task-1 ]; then echo broken >&2; exit 5; fi; echo x > f-$FANOUT_TASK']"""));

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml");
        var logs = await FanoutCli.RunAsync(repository.Path, "logs", "task-1");
        var issues = await FanoutCli.RunAsync(repository.Path, "issues", "list");

        run.ExitCode.ShouldBe(1);
        run.StandardOutput.ShouldContain("task-1: failed in agent");
        logs.ExitCode.ShouldBe(0);
        logs.StandardOutput.ShouldContain("working");
        logs.StandardOutput.ShouldContain("! broken");
        issues.StandardOutput.ShouldContain("Task number 1");
        // Issues are numbered in the order the workers created them, which is not task order.
        var number = System.Text.RegularExpressions.Regex.Match(issues.StandardOutput, @"#(\d+)\s.*\stask-1\s").Groups[1].Value;
        var show = await FanoutCli.RunAsync(repository.Path, "issues", "show", number);
        show.StandardOutput.ShouldContain("failed in phase **agent**");
    }

    [Fact]
    public async Task Plan_check_prints_the_tasks_in_dependency_order()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(3, taskExtra: i => i == 1 ? "    dependsOn: [task-3]" : string.Empty));

        var check = await FanoutCli.RunAsync(repository.Path, "plan", "check", "fanout.yaml");

        check.ExitCode.ShouldBe(0, check.StandardError);
        check.StandardOutput.ShouldContain("Dependency order: task-2 -> task-3 -> task-1");
    }

    [Fact]
    public async Task Init_writes_a_starter_plan_that_checks_and_never_overwrites_without_force()
    {
        using var repository = await GitRepository.CreateAsync();

        (await FanoutCli.RunAsync(repository.Path, "init")).ExitCode.ShouldBe(0);
        var again = await FanoutCli.RunAsync(repository.Path, "init");
        var check = await FanoutCli.RunAsync(repository.Path, "plan", "check", "fanout.yaml");

        again.ExitCode.ShouldBe(2);
        again.StandardError.ShouldContain("--force");
        check.ExitCode.ShouldBe(0, check.StandardError);
    }

    [Theory]
    [InlineData("run", "--strategy", "fastest", "x.yaml")]
    [InlineData("run", "--max-parallel", "0", "x.yaml")]
    [InlineData("status", "--no-such-flag")]
    public async Task Bad_flags_exit_2_with_one_clear_line(params string[] arguments)
    {
        using var folder = new TempDirectory();

        var result = await FanoutCli.RunAsync(folder.Path, arguments);

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldStartWith("fanout: ");
    }

    [Fact]
    public async Task An_argument_starting_with_at_is_text_and_never_a_file_to_read()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["words"] = "--help" });

        var result = await FanoutCli.RunAsync(repository.Path, "run", "@words");
        var directory = await FanoutCli.RunAsync(repository.Path, "run", "@.");

        result.StandardOutput.ShouldNotContain("Usage:");
        result.StandardError.ShouldContain("@words");
        directory.StandardError.ShouldNotContain("Exception");
        directory.StandardError.ShouldNotContain("denied");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("plan", "check")]
    [InlineData("status")]
    [InlineData("logs")]
    [InlineData("issues", "list")]
    [InlineData("issues", "show")]
    [InlineData("init")]
    [InlineData("demo")]
    public async Task Every_command_has_help(params string[] command)
    {
        var result = await FanoutCli.RunAsync(Path.GetTempPath(), [.. command, "--help"]);

        result.ExitCode.ShouldBe(0);
        result.StandardOutput.ShouldContain("Usage:");
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var result = await FanoutCli.RunAsync(Path.GetTempPath(), "--version");

        result.ExitCode.ShouldBe(0);
        result.StandardOutput.ShouldStartWith("0.1.0");
    }

    [Fact]
    public async Task Status_outside_a_repository_says_how_to_fix_it()
    {
        using var folder = new TempDirectory();

        var result = await FanoutCli.RunAsync(folder.Path, "status");

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldContain("git");
    }
}
