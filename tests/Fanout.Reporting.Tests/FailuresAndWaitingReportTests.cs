using Fanout.Journal;
using Fanout.Reporting.Report;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

/// <summary>The report says why a task failed, out in the open, and draws waiting for a slot as waiting.</summary>
public sealed class FailuresAndWaitingReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RunInfo Info = new("p", "fanout.yaml", "/repo", "main", "abc", "overlap", "local", 1);

    [Fact]
    public void A_failure_gets_its_own_section_with_phase_command_exit_code_stderr_tail_and_log()
    {
        var report = RunReportBuilder.Build(Run(), T0.AddSeconds(60), _ => null, task => $"/repo/.git/fanout/runs/r1/logs/{task}.log");

        var failure = report.Failures.ShouldHaveSingleItem();
        (failure.Task, failure.Phase, failure.Command, failure.ExitCode).ShouldBe(("b", "environment", "npm ci", 127));
        failure.StderrTail.ShouldBe("sh: npm: not found\n");
        failure.LogFile.ShouldBe("/repo/.git/fanout/runs/r1/logs/b.log");
        var html = HtmlReport.Render(report, TimelineLayout.Compute(Run(), T0.AddSeconds(60)));
        html.ShouldContain("<h2>Failures</h2>");
        html.ShouldContain("<td>environment</td><td class=\"path\">npm ci</td><td>127</td>");
        html.ShouldContain("<pre>sh: npm: not found\n</pre>");
        html.ShouldContain("/repo/.git/fanout/runs/r1/logs/b.log");
    }

    [Fact]
    public void Time_queued_for_a_slot_is_its_own_figure_and_its_own_bar_and_the_setup_note_says_it_is_included()
    {
        var report = RunReportBuilder.Build(Run(), T0.AddSeconds(60), _ => null);
        var text = new StringWriter();
        ReportText.Write(text, report);

        report.QueuedSeconds.ShouldBe(42);
        text.ToString().ShouldContain("queued");
        text.ToString().ShouldContain("includes waiting for a free slot");
        var html = HtmlReport.Render(report, TimelineLayout.Compute(Run(), T0.AddSeconds(60)));
        html.ShouldContain("data-phase=\"queued\"");
        html.ShouldContain("<div class=\"label\">queued</div><div class=\"value\">42.0 s</div>");
    }

    [Fact]
    public void Queued_time_is_not_setup_for_the_task_that_waited()
    {
        var b = Run().Tasks.Single(t => t.Id == "b");

        MetricsCalculator.TaskSetupSeconds(b, T0.AddSeconds(60)).ShouldBe(1);
    }

    // a runs 0-45; b waits for the only slot from 0 to 42, then fails its setup at 43.
    private static RunSnapshot Run() => RunFold.Fold(
    [
        new RunStarted("r1", T0, Info),
        new TaskRegistered("r1", T0, "a", "A", []),
        new TaskRegistered("r1", T0, "b", "B", []),
        new PhaseStarted("r1", T0, "a", Phase.Workspace),
        new PhaseEnded("r1", T0.AddSeconds(1), "a", Phase.Workspace, PhaseOutcome.Succeeded),
        new PhaseStarted("r1", T0.AddSeconds(1), "a", Phase.Agent),
        new PhaseEnded("r1", T0.AddSeconds(45), "a", Phase.Agent, PhaseOutcome.Succeeded),
        new TaskStateChanged("r1", T0.AddSeconds(45), "a", TaskState.Succeeded),
        new TaskStateChanged("r1", T0, "b", TaskState.Queued),
        new PhaseStarted("r1", T0, "b", Phase.Queued),
        new PhaseEnded("r1", T0.AddSeconds(42), "b", Phase.Queued, PhaseOutcome.Succeeded),
        new PhaseStarted("r1", T0.AddSeconds(42), "b", Phase.Environment, "npm ci"),
        new PhaseEnded("r1", T0.AddSeconds(43), "b", Phase.Environment, PhaseOutcome.Failed),
        new TaskFailed("r1", T0.AddSeconds(43), "b", Phase.Environment, "setup command exited with code 127", "npm ci", 127, "sh: npm: not found\n"),
        new TaskStateChanged("r1", T0.AddSeconds(43), "b", TaskState.Failed),
        new RunFinished("r1", T0.AddSeconds(45), RunState.Failed, 1),
    ])!;
}
