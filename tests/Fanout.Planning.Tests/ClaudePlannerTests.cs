using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Simulation.Anthropic;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Planning.Tests;

/// <summary>The real Claude Code CLI as the planner, read-only, answering in the plan schema, against the scripted Messages endpoint.</summary>
public sealed class ClaudePlannerTests : IDisposable
{
    private readonly TempDirectory _state = new("planner-state");

    [ClaudeCliFact]
    public async Task An_invalid_plan_goes_back_to_the_planner_with_the_loaders_errors_and_the_corrected_one_is_written()
    {
        using var model = ScriptedAnthropicServer.StartConversations(
            ScriptedPlanner.Answers(TimeSpan.Zero, ScriptedPlanner.Task("api"), ScriptedPlanner.Task("ui", "apii")),
            ScriptedPlanner.Answers(TimeSpan.Zero, ScriptedPlanner.Task("api"), ScriptedPlanner.Task("ui", "api")));
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", ScriptedPlanner.Defaults(model, _state.Path));
        var defaults = PlanningDefaults.Read(repository.Path, "main");
        var planFile = Path.Combine(repository.Path, "planned.yaml");

        var written = await new PlanWriter(ProcessRunner.Instance, TimeProvider.System).WriteAsync(
            new PlanningRequest("Add an API client and a UI", repository.Path),
            PlannerAgent.Resolve("claude", defaults.Plan),
            defaults,
            planFile,
            _state.Combine("planner"),
            CancellationToken.None);

        written.Attempts.ShouldBe(2);
        written.Plan.DependencyOrder.ShouldBe(["api", "ui"]);
        model.Prompts.Select(p => p.Replace("\\u0027", "'", StringComparison.Ordinal)).ShouldContain(p => p.Contains("Your last answer was refused", StringComparison.Ordinal) && p.Contains("unknown dependency 'apii'", StringComparison.Ordinal));
        await File.WriteAllTextAsync(planFile, written.Text);
        PlanLoader.Load(planFile).Task("ui").Files.ShouldBe(["done-ui.txt"]);
        File.ReadAllText(_state.Combine("planner", "planner.log")).ShouldContain("\"permissionMode\":\"plan\"");
    }

    [ClaudeCliFact]
    public async Task A_planner_that_never_gets_it_right_is_refused_with_its_last_errors_after_the_attempts()
    {
        using var model = ScriptedAnthropicServer.StartConversations(ScriptedPlanner.Answers(TimeSpan.Zero, ScriptedPlanner.Task("ui", "nowhere")));
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", ScriptedPlanner.Defaults(model, _state.Path));
        var defaults = PlanningDefaults.Read(repository.Path, "main");

        var refused = await Should.ThrowAsync<UserInputException>(() => new PlanWriter(ProcessRunner.Instance, TimeProvider.System).WriteAsync(
            new PlanningRequest("A UI", repository.Path) { Attempts = 2 },
            PlannerAgent.Resolve("claude", defaults.Plan),
            defaults,
            Path.Combine(repository.Path, "planned.yaml"),
            _state.Combine("planner"),
            CancellationToken.None));

        refused.Problems[0].Message.ShouldStartWith("the planner's plan is still not valid after 2 attempt(s)");
        refused.Problems[1].ToString().ShouldContain("planned.yaml:");
        refused.Problems[1].Message.ShouldContain("unknown dependency 'nowhere'");
    }

    [ClaudeCliFact]
    public async Task Predictive_spawning_sets_up_the_first_task_while_the_planner_is_still_writing_the_fifth()
    {
        var tasks = new[]
        {
            ScriptedPlanner.Task("t1"), ScriptedPlanner.Task("t2", "t1"), ScriptedPlanner.Task("t3"),
            ScriptedPlanner.Task("t4", "t2", "t3"), ScriptedPlanner.Task("t5", "t1"),
        };
        using var model = ScriptedAnthropicServer.StartConversations(ScriptedPlanner.Answers(TimeSpan.FromSeconds(1), tasks));
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", ScriptedPlanner.Defaults(model, _state.Path));
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "defaults");
        await using var session = await FanoutSession.OpenAsync(FanoutHost.For(new FanoutConsole(TextWriter.Null, TextWriter.Null)) with { Self = null }, repository.Path, CancellationToken.None);

        var goal = await GoalRun.PrepareAsync(session, new GoalRunOptions("Five files") { Warm = 0 }, CancellationToken.None);
        var outcome = await GoalRun.RunAsync(session, goal, null, CancellationToken.None);

        var journal = await session.JournalAsync(CancellationToken.None);
        var entries = await journal.EventsAfterAsync(outcome.RunId, 0, CancellationToken.None);
        long SeqOf(Func<RunEvent, bool> match) => entries.First(e => match(e.Event)).Seq;
        var firstWorktree = SeqOf(e => e is TaskLinked { TaskId: "t1", Worktree: not null });
        var fifthAppeared = SeqOf(e => e is TaskAppeared { TaskId: "t5" });
        firstWorktree.ShouldBeLessThan(fifthAppeared, "t1's worktree must exist before the planner emitted t5");
        Directory.Exists(entries.Select(e => e.Event).OfType<TaskLinked>().First(e => e is { TaskId: "t1", Worktree: not null }).Worktree).ShouldBeTrue();

        var run = await session.LoadRunAsync(outcome.RunId, CancellationToken.None);
        outcome.ExitCode.ShouldBe(ExitCodes.Success, string.Join("; ", run.Tasks.Select(t => $"{t.Id} {t.State} {t.Failure?.Message}")) + " " + run.Planning?.Detail);
        run.Planning!.Tasks.ShouldBe(5);
        run.Planning.Outcome.ShouldBe(PhaseOutcome.Succeeded);
        run.Tasks.Select(t => t.Id).ShouldBe(["t1", "t2", "t3", "t4", "t5"]);
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Succeeded && t.AppearedAt != null);
        var written = PlanLoader.Load(goal.PlanFile);
        written.Task("t4").DependsOn.ShouldBe(["t2", "t3"]);
        written.Tasks.Count.ShouldBe(5);
    }

    public void Dispose() => _state.Dispose();
}
