using System.Text.Json;

using Shouldly;

using Xunit;

namespace Fanout.Bench.Tests;

public sealed class BenchReportTests
{
    private static readonly BenchMachine Machine = new(2, "git version 2.39.5", "Linux");

    [Fact]
    public void Summarises_each_method_by_its_median_and_spread_over_the_repeats()
    {
        var report = Report(
            Sample(20, "overlap", 1, 0.9), Sample(20, "overlap", 2, 0.5), Sample(20, "overlap", 3, 0.7),
            Sample(20, "sequential", 1, 70), Sample(20, "sequential", 2, 60), Sample(20, "sequential", 3, 65));

        var overlap = report.Find(20, "overlap").ShouldNotBeNull();
        overlap.SetupSeconds.ShouldBe(0.7);
        overlap.SetupSecondsMin.ShouldBe(0.5);
        overlap.SetupSecondsMax.ShouldBe(0.9);
        overlap.Repeats.ShouldBe(3);
        overlap.RatioToSequential.ShouldNotBeNull().ShouldBe(0.7 / 65, 1e-9);
        overlap.RatioToIssueFirst.ShouldBeNull();
    }

    [Fact]
    public void Sums_failures_over_the_repeats_out_of_every_attempt()
    {
        var report = Report(Sample(50, "raw", 1, 40, failures: 13), Sample(50, "raw", 2, 45, failures: 9));

        var raw = report.Find(50, "raw").ShouldNotBeNull();
        raw.Failures.ShouldBe(22);
        raw.Attempts.ShouldBe(100);
        raw.SetupSeconds.ShouldBe(42.5);
    }

    [Fact]
    public void Json_carries_the_contract_fields_for_every_tasks_and_strategy()
    {
        var report = Report(
            Sample(5, "issue-first", 1, 3.4) with { ParallelEfficiency = 0.9, PeakMemoryMB = 61.5 },
            Sample(5, "overlap", 1, 0.4) with { ParallelEfficiency = 0.8, PeakMemoryMB = 60 },
            Sample(5, "raw", 1, 0.3));

        using var json = JsonDocument.Parse(BenchJson.Write(report));

        var results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        results.Select(r => r.GetProperty("strategy").GetString()).ShouldBe(["issue-first", "overlap", "raw"]);
        var overlap = results[1];
        foreach (var field in new[] { "tasks", "strategy", "setupSeconds", "setupSecondsMax", "parallelEfficiency", "failures", "peakMemoryMB" })
        {
            overlap.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        overlap.GetProperty("tasks").GetInt32().ShouldBe(5);
        overlap.GetProperty("peakMemoryMB").GetDouble().ShouldBe(60);
        overlap.GetProperty("ratioToIssueFirst").GetDouble().ShouldBe(0.4 / 3.4, 1e-3);
        results[2].GetProperty("parallelEfficiency").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Markdown_puts_the_write_ups_modelled_figures_beside_the_measured_ones()
    {
        var report = Report(Sample(20, "sequential", 1, 61.2), Sample(20, "issue-first", 1, 3.5), Sample(20, "overlap", 1, 0.7));

        var markdown = BenchMarkdown.Write(report);

        markdown.ShouldContain("| 20 | 61.20 s | 3.50 s | 0.70 s | 0.01× | 0.20× | 160 s → 8 s (240 s → 88 s) |");
        markdown.ShouldContain("| 20 | overlap | 0.700 |");
    }

    [Fact]
    public void Markdown_shows_failures_next_to_the_time_they_spoil()
    {
        var report = Report(Sample(10, "raw", 1, 8.7, failures: 2));

        BenchMarkdown.Write(report).ShouldContain("8.70 s (2 failed)");
    }

    [Fact]
    public void Agent_start_times_are_read_from_status_and_summarised_by_their_median()
    {
        const string Status = """
            {"run":{"metrics":{"setupSeconds":10,"wallSeconds":12,"parallelEfficiency":0.9,"errorRate":0,"trackerRequests":0,
              "firstAgentSeconds":0.8,"medianAgentSeconds":5.5,"lastAgentSeconds":10}},"tasks":[{"state":"succeeded"}]}
            """;
        var first = FanoutTrial.Read(Status, BenchStrategy.Overlap, 1, 1, 0);
        var report = Report(first, first with { Repeat = 2, FirstAgentSeconds = 1.2 }, first with { Repeat = 3, FirstAgentSeconds = 1.0 }, Sample(1, "raw", 1, 3));

        (first.FirstAgentSeconds, first.MedianAgentSeconds, first.LastAgentSeconds).ShouldBe((0.8, 5.5, 10.0));
        report.Find(1, "overlap").ShouldNotBeNull().FirstAgentSeconds.ShouldBe(1.0);
        report.Find(1, "raw").ShouldNotBeNull().FirstAgentSeconds.ShouldBeNull();
        BenchMarkdown.Write(report).ShouldContain("| 0.90 | 1.00 | 5.50 | 10.00 | 0/3 |");
        using var json = JsonDocument.Parse(BenchJson.Write(report));
        json.RootElement.GetProperty("results")[0].GetProperty("lastAgentSeconds").GetDouble().ShouldBe(10);
    }

    private static BenchSample Sample(int tasks, string method, int repeat, double setup, int failures = 0) =>
        new(tasks, method, repeat, setup, failures);

    private static BenchReport Report(params BenchSample[] samples) =>
        new(new BenchSettings { Tasks = [.. samples.Select(s => s.Tasks).Distinct()] }, samples, Machine, 100, "abc1234");
}
