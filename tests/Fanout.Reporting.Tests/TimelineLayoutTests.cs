using Fanout.Journal;
using Fanout.Reporting.Report;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

public sealed class TimelineLayoutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_layout_of_a_real_run_has_a_row_per_task_a_bar_per_phase_and_the_setup_line_where_the_last_agent_could_start()
    {
        using var real = await RealRun.CreateAsync();
        var run = real.Run;
        var end = run.EndedAt!.Value;

        var layout = TimelineLayout.Compute(run, end);

        layout.Rows.Select(r => r.TaskId).ShouldBe(run.Tasks.Select(t => t.Id));
        foreach (var (row, task) in layout.Rows.Zip(run.Tasks))
        {
            row.Bars.Select(b => b.Phase).ShouldBe(task.Phases.OrderBy(p => p.StartedAt).Select(p => p.Phase));
            row.Bars.ShouldAllBe(b => b.X >= layout.PlotLeft - 1e-6 && b.X + b.Width <= layout.PlotLeft + layout.PlotWidth + 1 + 1e-6);
            row.Bars.ShouldAllBe(b => b.Y >= row.Y && b.Y + b.Height <= row.Y + TimelineLayout.RowHeight);
            foreach (var lane in row.Bars.GroupBy(b => b.Y))
            {
                // Bars in one lane follow each other: they never overlap.
                lane.Zip(lane.Skip(1)).ShouldAllBe(pair => pair.First.EndSeconds <= pair.Second.StartSeconds + 1e-9);
            }
        }

        layout.Rows.Select(r => r.Y).ShouldBeInOrder(SortDirection.Ascending);
        layout.Seconds.ShouldBe((end - run.StartedAt).TotalSeconds, 1e-6);
        layout.Ticks[0].Seconds.ShouldBe(0);
        layout.Ticks[0].X.ShouldBe(layout.PlotLeft);
        layout.Ticks.Count.ShouldBeInRange(2, 11);
        layout.Ticks.Select(t => t.X).ShouldBeInOrder(SortDirection.Ascending);
        layout.Ticks[^1].Seconds.ShouldBeLessThanOrEqualTo(layout.Seconds);

        var setup = MetricsCalculator.SetupSeconds(run, end);
        layout.SetupSeconds.ShouldBe(setup);
        layout.SetupX.ShouldBe(layout.PlotLeft + (setup / layout.Seconds * layout.PlotWidth), 1e-6);
        var critical = layout.Rows.Single(r => r.Critical);
        critical.TaskId.ShouldBe(layout.CriticalTask);
        MetricsCalculator.ReadyAtSeconds(run, run.Tasks.Single(t => t.Id == critical.TaskId), end).ShouldBe(setup);

        // The dependent's agent starts after its dependency delivered, and the picture says so.
        var first = layout.Rows.Single(r => r.TaskId == "task-1");
        var third = layout.Rows.Single(r => r.TaskId == "task-3");
        third.Bars.ShouldContain(b => b.Phase == Phase.Wait);
        third.Bars.Single(b => b.Phase == Phase.Agent).X.ShouldBeGreaterThanOrEqualTo(first.Bars.Single(b => b.Phase == Phase.Agent).X + first.Bars.Single(b => b.Phase == Phase.Agent).Width - 1e-6);
    }

    [Fact]
    public void Phases_that_overlap_get_their_own_lanes_and_share_the_row()
    {
        var task = new TaskSnapshot("a", "A", TaskState.Succeeded)
        {
            Phases =
            [
                new PhaseSpan(Phase.Issue, T0, T0.AddSeconds(3), PhaseOutcome.Succeeded, null),
                new PhaseSpan(Phase.Workspace, T0, T0.AddSeconds(2), PhaseOutcome.Succeeded, null),
                new PhaseSpan(Phase.Agent, T0.AddSeconds(2), T0.AddSeconds(10), PhaseOutcome.Succeeded, null),
            ],
        };
        var run = new RunSnapshot("r1", new RunInfo("p", "f", "/r", "main", "abc", "overlap", "local", 1), RunState.Succeeded, T0, T0.AddSeconds(10), 0) { Tasks = [task] };

        var layout = TimelineLayout.Compute(run, T0.AddSeconds(10), plotWidth: 1000);

        var bars = layout.Rows[0].Bars;
        bars.Select(b => b.Phase).ShouldBe([Phase.Issue, Phase.Workspace, Phase.Agent]);
        bars[0].Y.ShouldNotBe(bars[1].Y);
        bars[2].Y.ShouldBe(bars[1].Y, "the agent follows the workspace in its lane");
        bars[0].Height.ShouldBeLessThan(TimelineLayout.BarArea / 2 + 0.01);
        bars[2].X.ShouldBe(layout.PlotLeft + 200);
        bars[2].Width.ShouldBe(800);
        layout.SetupX.ShouldBe(layout.PlotLeft + 200);
        layout.Ticks.Select(t => t.Label).ShouldBe(["0 s", "1 s", "2 s", "3 s", "4 s", "5 s", "6 s", "7 s", "8 s", "9 s", "10 s"]);
    }

    [Fact]
    public void Ticks_stay_few_and_round_for_long_runs()
    {
        var run = new RunSnapshot("r1", new RunInfo("p", "f", "/r", "main", "abc", "overlap", "local", 1), RunState.Succeeded, T0, T0.AddMinutes(47), 0);

        var layout = TimelineLayout.Compute(run, T0.AddMinutes(47));

        layout.Ticks.Select(t => t.Label).ShouldBe(["0 min", "5 min", "10 min", "15 min", "20 min", "25 min", "30 min", "35 min", "40 min", "45 min"]);
    }
}
