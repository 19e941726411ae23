using Fanout.Bench.Goal;

using Shouldly;

using Xunit;

namespace Fanout.Bench.Tests;

public sealed class GoalBenchTableTests
{
    [Fact]
    public void Each_method_is_its_median_and_spread_and_its_ratio_to_planning_first()
    {
        var report = Report(
            Sample("plan-then-run", 1, 14, 4), Sample("plan-then-run", 2, 16, 6), Sample("plan-then-run", 3, 15, 5),
            Sample("goal", 1, 10.5, 0.5), Sample("goal", 2, 10.9, 0.9), Sample("goal", 3, 10.2, 0.2),
            Sample("goal-warm", 1, 10.1, 0.1), Sample("goal-warm", 2, 10.3, 0.3), Sample("goal-warm", 3, 10.0, 0.0));

        var table = GoalBenchTable.Write(report);

        table.ShouldContain("| 5 | plan-then-run | 15.00 (14.00–16.00) | 1.00 | 5.00 (4.00–6.00) | 0/3 |");
        table.ShouldContain("| 5 | goal | 10.50 (10.20–10.90) | 0.70 | 0.50 (0.20–0.90) | 0/3 |");
        table.ShouldContain("| 5 | goal-warm | 10.10 (10.00–10.30) | 0.67 | 0.10 (0.00–0.30) | 0/3 |");
        table.ShouldContain("one task every 2 s");
    }

    [Fact]
    public void A_failed_measurement_is_counted_beside_the_figures_it_spoils()
    {
        var report = Report(
            Sample("plan-then-run", 1, 14, 4),
            Sample("goal", 1, 10.5, 0.5) with { Failed = true },
            Sample("goal-warm", 1, 10.1, 0.1));

        GoalBenchTable.Write(report).ShouldContain("| 5 | goal | 10.50 (10.50–10.50) | 0.75 | 0.50 (0.50–0.50) | 1/1 |");
    }

    private static GoalSample Sample(string method, int repeat, double allStarted, double afterLastTask) =>
        new(method, 5, repeat, allStarted, afterLastTask, Failed: false);

    private static GoalBenchReport Report(params GoalSample[] samples) =>
        new(new GoalBenchOptions(1000, [5], TimeSpan.FromSeconds(2), samples.Max(s => s.Repeat), 4), samples, "2 cores; git version 2.39.5; Linux");
}
