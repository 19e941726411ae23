using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class TrackerLatencyTests
{
    [Fact]
    public async Task A_tracker_latency_delays_every_issue_the_run_creates()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2));

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml", "--tracker-latency", "0.3s");
        var status = await FanoutCli.RunAsync(repository.Path, "status", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        using var json = JsonDocument.Parse(status.StandardOutput);
        var tasks = json.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        tasks.Count.ShouldBe(2);
        foreach (var task in tasks)
        {
            task.GetProperty("phaseSeconds").GetProperty("issue").GetDouble().ShouldBeGreaterThanOrEqualTo(0.3, task.GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task A_dry_run_says_what_latency_it_would_add()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(1));

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml", "--dry-run", "--tracker-latency", "500ms");

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.StandardOutput.ShouldContain("500 ms added to every tracker request");
    }

    [Fact]
    public async Task A_latency_that_is_not_a_duration_exits_2_with_one_line_naming_the_option()
    {
        using var folder = new TempDirectory();

        var result = await FanoutCli.RunAsync(folder.Path, "run", "x.yaml", "--tracker-latency", "soon");

        result.ExitCode.ShouldBe(2);
        result.StandardError.TrimEnd().Split('\n').ShouldHaveSingleItem().ShouldStartWith("fanout: --tracker-latency must be a duration from 0s to 5m (such as 90, 30s, 10m, 1h30m or 500ms), not 'soon'");
    }
}
