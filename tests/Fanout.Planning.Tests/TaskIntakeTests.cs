using Fanout.Plans;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Planning.Tests;

public sealed class TaskIntakeTests : IDisposable
{
    private readonly TempDirectory _repo = new("intake");

    [Fact]
    public void A_valid_task_starts_at_once_with_its_settings_resolved_in_the_plan_so_far()
    {
        var intake = Intake();

        var started = intake.Offer(Task("api"));

        started.Single().Task.Id.ShouldBe("api");
        started.Single().Plan.SettingsOf(started.Single().Task).Agent.Name.ShouldBe("claude");
        started.Single().Plan.Tasks.Select(t => t.Id).ShouldBe(["api"]);
    }

    [Fact]
    public void A_task_whose_dependency_has_not_come_waits_for_it_then_starts_with_it()
    {
        var intake = Intake();

        intake.Offer(Task("ui", "api")).ShouldBeEmpty();
        var started = intake.Offer(Task("api"));

        started.Select(s => s.Task.Id).ShouldBe(["api", "ui"]);
        started[1].Plan.Task("ui").DependsOn.ShouldBe(["api"]);
    }

    [Fact]
    public void A_task_the_loader_refuses_is_kept_with_the_errors_for_the_planner_and_a_corrected_one_starts()
    {
        var intake = Intake();
        intake.Offer(Task("api"));

        intake.Offer(new PlannedTask("Bad Id", "Bad", "Do it")).ShouldBeEmpty();
        intake.Offer(new PlannedTask("empty", "Empty", string.Empty)).ShouldBeEmpty();

        intake.Refused.Keys.ShouldBe(["Bad Id", "empty"], ignoreOrder: true);
        intake.Refused["Bad Id"].ShouldContain(e => e.Contains("contains a space", StringComparison.Ordinal));
        var feedback = intake.Feedback()!;
        feedback.Accepted.ShouldBe(["api"]);
        feedback.Errors.ShouldContain(e => e.StartsWith(Path.Combine(_repo.Path, "plan.yaml") + ":", StringComparison.Ordinal) && e.Contains("empty prompt", StringComparison.Ordinal));

        intake.Offer(new PlannedTask("empty", "Empty", "Now with a prompt")).Single().Task.Id.ShouldBe("empty");
        intake.Refused.Keys.ShouldBe(["Bad Id"]);
    }

    [Fact]
    public void A_task_given_again_is_ignored_when_identical_and_kept_as_first_given_when_revised()
    {
        var intake = Intake();
        intake.Offer(Task("api"));

        intake.Offer(Task("api")).ShouldBeEmpty();
        intake.Revised.ShouldBeEmpty();
        intake.Offer(Task("api") with { Prompt = "Something else" }).ShouldBeEmpty();

        intake.Revised.ShouldBe(["api"]);
        intake.Accepted.Single().Prompt.ShouldBe("Do api");
    }

    [Fact]
    public void When_the_planner_is_done_a_task_still_waiting_for_a_dependency_that_never_came_is_refused()
    {
        var intake = Intake();
        intake.Offer(Task("ui", "missing"));

        intake.Finish().ShouldBeEmpty();

        intake.Refused["ui"].ShouldContain(e => e.Contains("unknown dependency 'missing'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_text_of_the_tasks_taken_is_a_plan_the_loader_reads_back()
    {
        var intake = Intake();
        intake.Offer(Task("api"));
        intake.Offer(Task("ui", "api"));

        var plan = PlanLoader.LoadText(intake.Text, Path.Combine(_repo.Path, "plan.yaml"));

        plan.DependencyOrder.ShouldBe(["api", "ui"]);
    }

    public void Dispose() => _repo.Dispose();

    private static PlannedTask Task(string id, params string[] dependsOn) => new(id, $"Title {id}", $"Do {id}") { DependsOn = dependsOn };

    private TaskIntake Intake() =>
        new(PlanningDefaults.Read(_repo.Path, "main"), Path.Combine(_repo.Path, "plan.yaml"), "goal", "A goal", TimeProvider.System);
}
