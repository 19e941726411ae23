using Fanout.Core;
using Fanout.Journal;
using Fanout.Reporting.Report;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

public sealed class RunReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Phases_report_the_median_and_the_longest_task_and_repeats_are_summed()
    {
        var report = RunReportBuilder.Build(Run(), T0.AddSeconds(20), _ => null);

        var agent = report.Phases.Single(p => p.Phase == "agent");
        agent.Tasks.ShouldBe(3);
        agent.MedianSeconds.ShouldBe(4);
        agent.MaxSeconds.ShouldBe(9, "two agent attempts of 4.5 s");
        agent.MaxTask.ShouldBe("c");
        report.Phases.Single(p => p.Phase == "workspace").MedianSeconds.ShouldBe(1.5, "the mean of the two middle values");
        report.Phases.Select(p => p.Phase).ShouldBe(["workspace", "agent"]);
        report.CriticalTask.ShouldBe("b");
        report.SetupSeconds.ShouldBe(2);
        report.ErrorRate.ShouldBe(1.0 / 3, 1e-9);
    }

    [Fact]
    public void Without_a_reported_rate_limit_or_worktrees_on_disk_the_text_says_n_a()
    {
        var output = new StringWriter();

        ReportText.Write(output, RunReportBuilder.Build(Run(), T0.AddSeconds(20), _ => null));

        var text = output.ToString();
        text.ShouldContain("rate limit remaining    n/a");
        text.ShouldContain("disk used by worktrees  n/a (0 of 2 still on disk)");
        text.ShouldContain("setup                   2.00 s (until b could start its agent)");
        text.ShouldMatch(@"agent\s+3\s+4\.00 s\s+9\.00 s\s+c");
    }

    [Fact]
    public void The_report_says_when_the_first_the_median_and_the_last_agent_could_start()
    {
        var report = RunReportBuilder.Build(Run(), T0.AddSeconds(20), _ => null);
        var output = new StringWriter();

        ReportText.Write(output, report);

        (report.FirstAgentSeconds, report.MedianAgentSeconds, report.LastAgentSeconds).ShouldBe((0.5, 1.0, 2.0));
        output.ToString().ShouldContain("agents started          first 0.50 s, median 1.00 s, last 2.00 s");
        HtmlReport.Render(report, TimelineLayout.Compute(Run(), T0.AddSeconds(20))).ShouldContain("median 1.00 s, last 2.00 s");
    }

    [Fact]
    public void The_last_reported_rate_limit_and_the_worktree_sizes_are_reported()
    {
        var run = Run() with { RateLimitRemaining = 4321 };

        var report = RunReportBuilder.Build(run, T0.AddSeconds(20), path => path == "/wt/a" ? 2048 : null);

        report.RateLimitRemaining.ShouldBe(4321);
        report.DiskBytes.ShouldBe(2048);
        report.Worktrees.Single(w => w.Task == "b").Bytes.ShouldBeNull();
        report.ToJson().ShouldContain("\"rateLimitRemaining\": 4321");
    }

    [Fact]
    public void Disk_usage_counts_whole_blocks_as_du_does_and_does_not_follow_links()
    {
        using var temp = new TempDirectory("fanout-du");
        temp.Write("a.txt", new string('a', 1000));
        temp.Write("sub/deeper/b.bin", new string('b', 3000));
        using var outside = new TempDirectory("fanout-du-outside");
        outside.Write("big.bin", new string('x', 100_000));
        Directory.CreateSymbolicLink(temp.Combine("link"), outside.Path);

        // du -sB1 on ext4 says 20480: a block for each of the two files and the three folders.
        DiskUsage.Measure(temp.Path).ShouldBe(5 * 4096);
        DiskUsage.Measure(temp.Combine("missing")).ShouldBeNull();
    }

    [Fact]
    public void A_running_run_measures_open_phases_until_now()
    {
        var run = Run() with { State = RunState.Running, EndedAt = null };
        var open = run.Tasks[0] with { Phases = [new PhaseSpan(Phase.Agent, T0.AddSeconds(1), null, null, null)] };

        var report = RunReportBuilder.Build(run with { Tasks = [open] }, T0.AddSeconds(11), _ => null);

        report.WallSeconds.ShouldBe(11);
        report.Phases.Single().MaxSeconds.ShouldBe(10);
    }

    private static RunSnapshot Run()
    {
        var a = new TaskSnapshot("a", "A", TaskState.Succeeded)
        {
            Worktree = "/wt/a",
            Phases = [Span(Phase.Workspace, 0, 1), Span(Phase.Agent, 1, 3)],
        };
        var b = new TaskSnapshot("b", "B", TaskState.Succeeded)
        {
            Worktree = "/wt/b",
            Phases = [Span(Phase.Workspace, 0, 2), Span(Phase.Agent, 2, 6)],
        };
        var c = new TaskSnapshot("c", "C", TaskState.Failed)
        {
            Phases = [Span(Phase.Agent, 0.5, 5), Span(Phase.Agent, 5, 9.5)],
        };
        return new RunSnapshot("r1", new RunInfo("p", "f", "/r", "main", "abc", "overlap", "local", 3), RunState.Failed, T0, T0.AddSeconds(12), 1) { Tasks = [a, b, c] };
    }

    private static PhaseSpan Span(Phase phase, double from, double to) => new(phase, T0.AddSeconds(from), T0.AddSeconds(to), PhaseOutcome.Succeeded, null);
}
