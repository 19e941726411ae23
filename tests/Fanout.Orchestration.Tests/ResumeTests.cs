using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Resuming;
using Fanout.TestSupport;
using Fanout.Trackers;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>A run taken up again under its own id: what succeeded is kept, the rest continues where it was, nothing is made twice.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly TempDirectory _outside = new("fanout-switch");

    /// <summary>Appends to its own file each time it runs, so a test can count its runs; fails while the switch file is missing, for the tasks named in it.</summary>
    private string SwitchedAgent => $$"""[sh, -c, 'echo run >> "runs-$FANOUT_TASK.txt"; cp "$FANOUT_PROMPT_FILE" "prompt-$FANOUT_TASK.md"; if grep -qx "$FANOUT_TASK" {{_outside.Combine("failing")}} 2>/dev/null; then exit 3; fi']""";

    public void Dispose() => _outside.Dispose();

    [Fact]
    public async Task Resume_keeps_the_tasks_that_succeeded_and_takes_up_the_failed_one_in_its_own_worktree_and_issue()
    {
        File.WriteAllText(_outside.Combine("failing"), "task-2\n");
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, SwitchedAgent));
        var (first, before) = await harness.RunAsync();
        first.ExitCode.ShouldBe(ExitCodes.TaskFailed);
        File.Delete(_outside.Combine("failing"));

        var (outcome, run) = await harness.ResumeAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        run.Id.ShouldBe(before.Id);
        run.Attempts.ShouldBe(2);
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Succeeded);
        run.Tasks.Single(t => t.Id == "task-2").Attempts.ShouldBe(2);
        run.Tasks.Single(t => t.Id == "task-1").Attempts.ShouldBe(1, "a task that succeeded is kept, not taken up");
        foreach (var task in run.Tasks)
        {
            task.Issue.ShouldBe(before.Tasks.Single(t => t.Id == task.Id).Issue);
            task.Worktree.ShouldBe(before.Tasks.Single(t => t.Id == task.Id).Worktree);
        }

        (await harness.Repository.GitAsync("show", $"{run.Tasks.Single(t => t.Id == "task-1").Branch}:runs-task-1.txt")).ShouldBe("run");
        (await harness.Repository.GitAsync("show", $"{run.Tasks.Single(t => t.Id == "task-2").Branch}:runs-task-2.txt")).ShouldBe("run\nrun");
        (await harness.IssuesAsync(run.Id)).Count.ShouldBe(3);
        (await harness.Repository.BranchesAsync()).Count(b => b.StartsWith($"fanout/{run.Id}/", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Retry_runs_a_finished_task_again_with_the_follow_up_in_its_prompt_and_reopens_its_issue()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, SwitchedAgent));
        var (_, before) = await harness.RunAsync();

        var (outcome, run) = await harness.ResumeAsync(retry: ["task-1"], followUp: "Also write the changelog.");

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var task = run.Tasks.Single(t => t.Id == "task-1");
        (task.State, task.Attempts).ShouldBe((TaskState.Succeeded, 2));
        run.Tasks.Single(t => t.Id == "task-2").Attempts.ShouldBe(1);
        var prompt = await harness.Repository.GitAsync("show", $"{task.Branch}:prompt-task-1.md");
        prompt.ShouldContain("## Follow-up");
        prompt.ShouldContain("Also write the changelog.");
        (await harness.Repository.GitAsync("show", $"{task.Branch}:runs-task-1.txt")).ShouldBe("run\nrun");
        var issue = (await harness.IssuesAsync(run.Id)).Single(i => i.TaskId == "task-1");
        (issue.Number, issue.State).ShouldBe((before.Tasks.Single(t => t.Id == "task-1").Issue!.Value, IssueState.Closed));
        (await harness.CommentsAsync(issue.Number)).ShouldContain(c => c.Body.Contains("retried with this follow-up", StringComparison.Ordinal) && c.Body.Contains("Also write the changelog.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_takes_up_what_the_retried_task_had_blocked()
    {
        File.WriteAllText(_outside.Combine("failing"), "task-1\n");
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, SwitchedAgent, taskExtra: i => i == 3 ? "    dependsOn: [task-1]" : string.Empty));
        var (_, before) = await harness.RunAsync();
        before.Tasks.Single(t => t.Id == "task-3").State.ShouldBe(TaskState.Blocked);
        File.Delete(_outside.Combine("failing"));

        var (outcome, run) = await harness.ResumeAsync(retry: ["task-1"]);

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Succeeded);
        run.Tasks.Single(t => t.Id == "task-2").Attempts.ShouldBe(1);
        run.Tasks.Single(t => t.Id == "task-3").Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task Retry_of_an_unknown_task_is_refused_naming_the_runs_tasks()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2));
        await harness.RunAsync();

        var error = await Should.ThrowAsync<UserInputException>(() => harness.ResumeAsync(retry: ["nope"]));

        error.Message.ShouldContain("has no task 'nope'");
        error.Message.ShouldContain("task-1, task-2");
    }

    [Fact]
    public async Task A_run_whose_plan_lost_a_task_is_not_taken_up()
    {
        File.WriteAllText(_outside.Combine("failing"), "task-2\n");
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, SwitchedAgent));
        await harness.RunAsync();
        harness.Repository.Write("fanout.yaml", PlanText.Plan(1, SwitchedAgent));

        var error = await Should.ThrowAsync<UserInputException>(() => harness.ResumeAsync());

        error.Message.ShouldContain("the plan's tasks changed");
        error.Message.ShouldContain("task-2");
    }

    [Fact]
    public async Task A_run_stopped_before_it_registered_every_task_is_taken_up_with_all_of_them()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, SwitchedAgent));
        var (_, first) = await harness.RunAsync();
        await using (var session = await harness.SessionAsync())
        {
            // As a run killed between its start and its third task's registration leaves the journal.
            var journal = await session.JournalAsync(CancellationToken.None);
            var at = DateTimeOffset.UtcNow;
            await journal.AppendAsync(new RunStarted("stopped", at, first.Info with { TaskIds = ["task-1", "task-2", "task-3"] }), CancellationToken.None);
            await journal.AppendAsync(new TaskRegistered("stopped", at, "task-1", "Task number 1", []), CancellationToken.None);
        }

        var (outcome, run) = await harness.ResumeAsync("stopped");

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        run.Tasks.Select(t => t.Id).Order(StringComparer.Ordinal).ShouldBe(["task-1", "task-2", "task-3"]);
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Succeeded);
        (await harness.IssuesAsync("stopped")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Resuming_a_run_that_succeeded_has_nothing_to_take_up()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1));
        await harness.RunAsync();
        await using var session = await harness.SessionAsync();

        var resumed = await ResumePreparation.PrepareAsync(session, new ResumeRequest(), CancellationToken.None);

        resumed.NothingToDo.ShouldBeTrue();
    }

    [Fact]
    public async Task A_cancelled_task_is_cancelled_not_failed_and_its_issue_says_how_to_resume()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, "[sh, -c, 'touch \"$FANOUT_LOG_FILE.started\"; sleep 60']"));
        using var cancellation = new CancellationTokenSource();
        await using var session = await harness.SessionAsync();
        var prepared = await harness.PrepareAsync(session);
        var running = RunLauncher.LaunchAsync(session, prepared, null, cancellation.Token);
        while (!prepared.Plan.Tasks.All(t => File.Exists(session.Paths.LogFile(prepared.RunId, t.Id) + ".started")))
        {
            await Task.Delay(50);
        }

        await cancellation.CancelAsync();
        await running;
        var run = await session.LoadRunAsync(prepared.RunId, CancellationToken.None);

        run.State.ShouldBe(RunState.Cancelled);
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Cancelled && t.Outcome == TaskState.Cancelled);
        MetricsCalculator.Compute(run, DateTimeOffset.UtcNow).ErrorRate.ShouldBe(0);
        foreach (var task in run.Tasks)
        {
            (await harness.CommentsAsync(task.Issue!.Value)).ShouldContain(c => c.Body.Contains($"fanout resume {run.Id}", StringComparison.Ordinal));
        }
    }
}
