using Fanout.Journal;
using Fanout.Reporting.Report;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

/// <summary>A run spread over machines gets a lane per worker in its report; a run of one process gets none.</summary>
public sealed class WorkerLaneReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly RunInfo Info = new("p", "fanout.yaml", "/repo", "main", "abc", "overlap", "local", 4) { Remote = "git://10.203.0.1/app.git" };

    [Fact]
    public void Each_worker_gets_a_lane_with_its_tasks_in_the_order_it_started_them_its_busy_seconds_and_its_successes()
    {
        var run = RunFold.Fold(
        [
            new RunStarted("r1", T0, Info),
            .. Task("a", "w2", 0, 10, TaskState.Succeeded),
            .. Task("b", "w1", 2, 5, TaskState.Succeeded),
            .. Task("c", "w2", 3, 9, TaskState.Failed),
            .. Task("d", "w1", 1, 4, TaskState.Succeeded),
            new RunFinished("r1", T0.AddSeconds(10), RunState.Failed, 1),
        ])!;

        var report = RunReportBuilder.Build(run, T0.AddSeconds(10), _ => null);
        var text = new StringWriter();
        ReportText.Write(text, report);

        report.Workers.Select(lane => lane.Worker).ShouldBe(["w1", "w2"]);
        report.Workers[0].Tasks.ShouldBe(["d", "b"], "d started at 1 s, b at 2 s");
        report.Workers[0].BusySeconds.ShouldBe(6);
        report.Workers[0].Succeeded.ShouldBe(2);
        report.Workers[1].Tasks.ShouldBe(["a", "c"]);
        report.Workers[1].BusySeconds.ShouldBe(16);
        report.Workers[1].Succeeded.ShouldBe(1);
        var lanes = text.ToString().Split('\n').SkipWhile(line => !line.StartsWith("Workers (a lane each):", StringComparison.Ordinal)).ToArray();
        lanes.ShouldContain(line => line.TrimStart().StartsWith("w1 ", StringComparison.Ordinal) && line.Contains("d, b", StringComparison.Ordinal));
        lanes.ShouldContain(line => line.TrimStart().StartsWith("w2 ", StringComparison.Ordinal) && line.Contains("a, c", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_of_one_process_has_no_worker_lanes()
    {
        var run = RunFold.Fold([new RunStarted("r1", T0, Info with { Remote = null }), .. Task("a", null, 0, 2, TaskState.Succeeded)])!;

        var report = RunReportBuilder.Build(run, T0.AddSeconds(2), _ => null);
        var text = new StringWriter();
        ReportText.Write(text, report);

        report.Workers.ShouldBeEmpty();
        text.ToString().ShouldNotContain("Workers (a lane each):");
    }

    private static RunEvent[] Task(string id, string? worker, double from, double to, TaskState outcome) =>
    [
        new TaskRegistered("r1", T0, id, id.ToUpperInvariant(), []),
        new PhaseStarted("r1", T0.AddSeconds(from), id, Phase.Agent, Worker: worker),
        new PhaseEnded("r1", T0.AddSeconds(to), id, Phase.Agent, outcome == TaskState.Succeeded ? PhaseOutcome.Succeeded : PhaseOutcome.Failed, Worker: worker),
        new TaskStateChanged("r1", T0.AddSeconds(to), id, outcome),
    ];
}
