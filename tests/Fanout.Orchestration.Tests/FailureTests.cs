using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

public sealed class FailureTests
{
    private const string FailsOnTaskTwo = """[sh, -c, 'if [ "$FANOUT_TASK" = task-2 ]; then echo "model refused the edit" >&2; exit 7; fi; echo ok > "done-$FANOUT_TASK.txt"']""";

    [Fact]
    public async Task One_failing_agent_leaves_the_other_tasks_succeeded_and_the_run_exits_1()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(5, FailsOnTaskTwo));

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.TaskFailed);
        run.State.ShouldBe(RunState.Failed);
        run.Tasks.Where(t => t.Id != "task-2").ShouldAllBe(t => t.State == TaskState.Succeeded);
        var failed = run.Tasks.Single(t => t.Id == "task-2");
        failed.State.ShouldBe(TaskState.Failed);
        failed.Failure!.Phase.ShouldBe(Phase.Agent);
        failed.Failure.ExitCode.ShouldBe(7);
        failed.Failure.StderrTail!.ShouldContain("model refused the edit");
        failed.Failure.Command!.ShouldStartWith("sh -c");
    }

    [Fact]
    public async Task A_failed_task_comments_its_issue_with_the_phase_and_stderr_tail_and_leaves_it_open()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, FailsOnTaskTwo));

        var (_, run) = await harness.RunAsync();

        var failed = run.Tasks.Single(t => t.Id == "task-2");
        var issue = (await harness.IssuesAsync(run.Id)).Single(i => i.Number == failed.Issue);
        issue.State.ShouldBe(Trackers.IssueState.Open);
        var comment = (await harness.CommentsAsync(issue.Number)).Single().Body;
        comment.ShouldContain("failed in phase **agent**");
        comment.ShouldContain("model refused the edit");
        comment.ShouldContain("exit code 7");
    }

    [Fact]
    public async Task An_agent_that_changes_nothing_fails_the_gate_whatever_it_says()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, "[sh, -c, 'echo All done, tests pass!']"));

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.TaskFailed);
        var task = run.Tasks.Single();
        task.Failure!.Phase.ShouldBe(Phase.Verify);
        task.Failure.Message.ShouldContain("no changes");
    }

    [Fact]
    public async Task A_failing_test_command_fails_verification_with_its_output()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, test: "[sh, -c, 'echo 1 passed, 1 failed >&2; exit 1']"));

        var (_, run) = await harness.RunAsync();

        var task = run.Tasks.Single();
        task.State.ShouldBe(TaskState.Failed);
        task.Failure!.Phase.ShouldBe(Phase.Verify);
        task.Failure.StderrTail!.ShouldContain("1 passed, 1 failed");
    }

    [Fact]
    public async Task A_failing_setup_command_fails_the_environment_phase()
    {
        var plan = PlanText.Plan(1).Replace("tasks:", "setup: exit 4\ntasks:", StringComparison.Ordinal);
        using var harness = await RunHarness.CreateAsync(plan);

        var (_, run) = await harness.RunAsync();

        var task = run.Tasks.Single();
        task.Failure!.Phase.ShouldBe(Phase.Environment);
        task.Failure.ExitCode.ShouldBe(4);
        task.Phases.ShouldNotContain(p => p.Phase == Phase.Agent);
    }

    [Fact]
    public async Task An_agent_past_its_timeout_is_killed_and_the_task_fails()
    {
        var plan = PlanText.Plan(1, "[sh, -c, 'sleep 60']").Replace("timeout: 2m", "timeout: 1s", StringComparison.Ordinal);
        using var harness = await RunHarness.CreateAsync(plan);

        var (_, run) = await harness.RunAsync();

        run.Tasks.Single().Failure!.Message.ShouldContain("timed out");
    }

    [Fact]
    public async Task Cancelling_a_run_stops_its_agents_and_records_the_run_as_cancelled()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, "[sh, -c, 'touch \"$FANOUT_LOG_FILE.started\"; sleep 60']"));
        using var cancellation = new CancellationTokenSource();
        await using var session = await harness.SessionAsync();
        var prepared = await harness.PrepareAsync(session);
        var run = RunLauncher.LaunchAsync(session, prepared, null, cancellation.Token);
        var markers = prepared.Plan.Tasks.Select(t => session.Paths.LogFile(prepared.RunId, t.Id) + ".started").ToArray();
        while (!markers.All(File.Exists))
        {
            await Task.Delay(50);
        }

        await cancellation.CancelAsync();
        var outcome = await run;

        outcome.ExitCode.ShouldBe(ExitCodes.Cancelled);
        outcome.State.ShouldBe(RunState.Cancelled);
    }

    [Fact]
    public async Task Tracker_tokens_never_reach_the_agent()
    {
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", "ghp_secret_for_test");
        try
        {
            using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, """[sh, -c, 'echo "token=${GITHUB_TOKEN:-none}" > "done-$FANOUT_TASK.txt"']"""));

            var (_, run) = await harness.RunAsync();

            (await harness.Repository.GitAsync("show", $"{run.Tasks.Single().Branch}:done-task-1.txt")).ShouldBe("token=none");
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_TOKEN", null);
        }
    }
}
