using Fanout.Journal;
using Fanout.Reporting.Dashboard;
using Fanout.Reporting.Report;

using Shouldly;

using Spectre.Console.Testing;

using Xunit;

namespace Fanout.Reporting.Tests;

/// <summary>What the dashboard, status and the report say of a goal run's planning, and of agents' questions and progress.</summary>
public sealed class PlanningViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RunInfo Info = new("goal", "plan.yaml", "/repo", "main", "abc", "overlap", "local", 16);

    [Fact]
    public void A_goal_run_reports_planning_and_the_time_saved_against_planning_first_and_running_after()
    {
        // Planning takes 10 s; a appears at 2 s and is ready 1 s later, b appears at 8 s and is ready 1.5 s later; both end 3 s after they appeared.
        var run = Goal();

        var planning = RunReportBuilder.Build(run, T0.AddSeconds(20), _ => null).Planning!;

        planning.Seconds.ShouldBe(10);
        planning.LastTaskSeconds.ShouldBe(8);
        planning.LastAgentSeconds.ShouldBe(9.5);
        planning.PlanThenRunLastAgentSeconds.ShouldBe(11.5, "planning's end plus the longest time from appearing to being ready");
        planning.WallSeconds.ShouldBe(12);
        planning.PlanThenRunWallSeconds.ShouldBe(13, "planning's end plus the longest time from appearing to ending");
        planning.SavedSeconds.ShouldBe(1);
        var text = new StringWriter();
        ReportText.Write(text, RunReportBuilder.Build(run, T0.AddSeconds(20), _ => null));
        text.ToString().ShouldContain("Planning: claude wrote 2 task(s) in 10.0 s; each started as it appeared. Planning first and running after would have started the last agent at 11.5 s (here 9.50 s) and ended at 13.0 s (here 12.0 s): 1.00 s saved.");
    }

    [Fact]
    public void The_timeline_draws_planning_as_its_own_lane_above_the_tasks_with_a_mark_where_each_appeared()
    {
        var layout = TimelineLayout.Compute(Goal(), T0.AddSeconds(20));

        var lane = layout.Planning!;
        (lane.StartSeconds, lane.EndSeconds).ShouldBe((0, 10));
        lane.Appeared.Select(m => (m.TaskId, m.Seconds)).ShouldBe([("a", 2), ("b", 8)]);
        layout.Rows[0].Y.ShouldBeGreaterThan(lane.Y);
        var html = HtmlReport.Render(RunReportBuilder.Build(Goal(), T0.AddSeconds(20), _ => null), layout);
        html.ShouldContain("data-lane=\"planning\"");
        html.ShouldContain("<title>b appeared at 8 s</title>");
        html.ShouldContain("saved by starting early");
    }

    [Fact]
    public void A_written_plans_report_has_no_planning_lane()
    {
        var run = RunFold.Fold([new RunStarted("r1", T0, Info), new TaskRegistered("r1", T0, "a", "A", [])])!;

        TimelineLayout.Compute(run, T0.AddSeconds(1)).Planning.ShouldBeNull();
        RunReportBuilder.Build(run, T0.AddSeconds(1), _ => null).Planning.ShouldBeNull();
    }

    [Fact]
    public void A_task_waiting_for_an_answer_is_shown_waiting_with_its_question_and_the_line_that_answers_it()
    {
        var run = RunFold.Fold(
        [
            new RunStarted("r1", T0, Info),
            new PlanningStarted("r1", T0, "Add a login page", "claude"),
            new TaskAppeared("r1", T0.AddSeconds(1), "api", 1),
            new TaskRegistered("r1", T0.AddSeconds(1), "api", "API", []),
            new TaskStateChanged("r1", T0.AddSeconds(2), "api", TaskState.Running),
            new ProgressReported("r1", T0.AddSeconds(3), "api", "client written"),
            new TaskRegistered("r1", T0.AddSeconds(1), "ui", "UI", []),
            new TaskStateChanged("r1", T0.AddSeconds(2), "ui", TaskState.Running),
            new QuestionAsked("r1", T0.AddSeconds(4), "ui", "q1", "Which colour?"),
        ])!;

        var lines = Draw(run, T0.AddSeconds(6));

        lines[0].ShouldContain("planning: 1 task(s) so far");
        lines[0].ShouldContain("1 waiting for an answer");
        lines.Single(l => l.Contains("│ ui ", StringComparison.Ordinal)).ShouldContain("waiting for an answer: Which colour?");
        lines.Single(l => l.Contains("│ api ", StringComparison.Ordinal)).ShouldContain("client written");
        var status = StatusBuilder.Build(run, T0.AddSeconds(6));
        status.Tasks.Single(t => t.Id == "ui").Question.ShouldBe("Which colour?");
        status.Tasks.Single(t => t.Id == "ui").WaitingSeconds.ShouldBe(2);
        status.Tasks.Single(t => t.Id == "api").Progress.ShouldBe("client written");
        status.Run.Planning!.State.ShouldBe("planning");
        var summary = new StringWriter();
        RunSummary.Write(summary, status);
        summary.ToString().ShouldContain("ui is waiting for an answer: Which colour?");
        summary.ToString().ShouldContain("answer: fanout answer ui TEXT --run r1");
    }

    private static RunSnapshot Goal() => RunFold.Fold(
    [
        new RunStarted("r1", T0, Info),
        new PlanningStarted("r1", T0, "Add a login page", "claude"),
        new TaskAppeared("r1", T0.AddSeconds(2), "a", 1),
        new TaskRegistered("r1", T0.AddSeconds(2), "a", "A", []),
        new PhaseStarted("r1", T0.AddSeconds(2), "a", Phase.Workspace),
        new PhaseEnded("r1", T0.AddSeconds(3), "a", Phase.Workspace, PhaseOutcome.Succeeded),
        new PhaseStarted("r1", T0.AddSeconds(3), "a", Phase.Agent),
        new PhaseEnded("r1", T0.AddSeconds(5), "a", Phase.Agent, PhaseOutcome.Succeeded),
        new TaskStateChanged("r1", T0.AddSeconds(5), "a", TaskState.Succeeded),
        new TaskAppeared("r1", T0.AddSeconds(8), "b", 2),
        new TaskRegistered("r1", T0.AddSeconds(8), "b", "B", []),
        new PhaseStarted("r1", T0.AddSeconds(8), "b", Phase.Workspace),
        new PhaseEnded("r1", T0.AddSeconds(9.5), "b", Phase.Workspace, PhaseOutcome.Succeeded),
        new PhaseStarted("r1", T0.AddSeconds(9.5), "b", Phase.Agent),
        new PlanningEnded("r1", T0.AddSeconds(10), PhaseOutcome.Succeeded, 2),
        new PhaseEnded("r1", T0.AddSeconds(11), "b", Phase.Agent, PhaseOutcome.Succeeded),
        new TaskStateChanged("r1", T0.AddSeconds(11), "b", TaskState.Succeeded),
        new RunFinished("r1", T0.AddSeconds(12), RunState.Succeeded, 0),
    ])!;

    private static List<string> Draw(RunSnapshot run, DateTimeOffset now)
    {
        using var console = new TestConsole().Width(200).Height(30);
        console.Write(DashboardView.Build(run, now, 200, 30));
        return [.. console.Lines.Select(l => l.TrimEnd()).Where(l => l.Length > 0)];
    }
}
