using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

/// <summary>The fold of a goal run's planning, of agents' questions and answers, and of their progress reports.</summary>
public sealed class PlanningFoldTests
{
    [Fact]
    public void Planning_is_a_span_of_the_run_with_the_tasks_it_gave_and_each_task_knows_when_it_appeared()
    {
        var script = new Script().Started()
            .Add(new PlanningStarted("r1", Script.At(0.5), "Add a login page", "claude"))
            .Add(new TaskAppeared("r1", Script.At(1), "a", 1)).Task("a")
            .Add(new TaskAppeared("r1", Script.At(2), "b", 2)).Task("b", "a");

        var during = script.Fold();
        during.Planning.ShouldBe(new PlanningSnapshot("Add a login page", "claude", Script.At(0.5)) { Tasks = 2 });
        during.Tasks.Select(task => task.AppearedAt).ShouldBe([Script.At(1), Script.At(2)]);

        var after = script.Add(new PlanningEnded("r1", Script.At(3), PhaseOutcome.Succeeded, 2, "withdrawn and kept: b")).Fold();
        after.Planning!.EndedAt.ShouldBe(Script.At(3));
        after.Planning.Outcome.ShouldBe(PhaseOutcome.Succeeded);
        after.Planning.Detail.ShouldBe("withdrawn and kept: b");
    }

    [Fact]
    public void A_run_of_a_written_plan_has_no_planning_and_its_tasks_did_not_appear()
    {
        var run = new Script().Started().Task("a").Fold();

        run.Planning.ShouldBeNull();
        run.Tasks.Single().AppearedAt.ShouldBeNull();
    }

    [Fact]
    public void A_question_is_open_until_its_first_answer_and_a_later_answer_changes_nothing()
    {
        var script = new Script().Started().Task("a")
            .Add(new QuestionAsked("r1", Script.At(1), "a", "q1", "Which port?"));

        var waiting = script.Fold().Tasks.Single();
        waiting.OpenQuestion!.Text.ShouldBe("Which port?");
        MetricsCalculator.QuestionSeconds(waiting, Script.At(4)).ShouldBe(3);

        var answered = script
            .Add(new QuestionAnswered("r1", Script.At(5), "a", "q1", "no answer; use your judgement", AnswerSource.Timeout))
            .Add(new QuestionAnswered("r1", Script.At(6), "a", "q1", "8080", AnswerSource.User))
            .Fold().Tasks.Single();
        answered.OpenQuestion.ShouldBeNull();
        answered.Questions.Single().ShouldBe(new QuestionSnapshot("q1", "Which port?", Script.At(1)) { AnsweredAt = Script.At(5), Answer = "no answer; use your judgement", By = AnswerSource.Timeout });
        MetricsCalculator.QuestionSeconds(answered, Script.At(60)).ShouldBe(4);
    }

    [Fact]
    public void An_answer_to_a_question_never_asked_is_ignored()
    {
        var task = new Script().Started().Task("a")
            .Add(new QuestionAnswered("r1", Script.At(1), "a", "q9", "yes", AnswerSource.User))
            .Fold().Tasks.Single();

        task.Questions.ShouldBeEmpty();
    }

    [Fact]
    public void The_latest_progress_report_is_the_one_shown()
    {
        var task = new Script().Started().Task("a")
            .Add(new ProgressReported("r1", Script.At(1), "a", "reading the code"))
            .Add(new ProgressReported("r1", Script.At(2), "a", "tests written"))
            .Fold().Tasks.Single();

        task.Progress.ShouldBe("tests written");
    }
}
