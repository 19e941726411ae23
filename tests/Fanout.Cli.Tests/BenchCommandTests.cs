using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>The bench at tiny sizes, through the real CLI, so it cannot rot; its figures are for BENCHMARKS.md, not for tests.</summary>
public sealed class BenchCommandTests
{
    private static readonly string[] FanoutStrategies = ["sequential", "issue-first", "overlap", "pool"];
    private static readonly int[] TinySizes = [1, 2];

    [Fact]
    public async Task Bench_at_tiny_sizes_measures_every_strategy_beside_raw_git_worktree_add()
    {
        using var folder = new TempDirectory();
        var temp = Directory.CreateDirectory(folder.Combine("tmp")).FullName;
        var markdown = folder.Combine("bench.md");

        var bench = await FanoutCli.RunAsync(folder.Path, Temp(temp), "bench", "--generate", "30", "--tasks", "1,2", "--repeat", "1", "--json", "--out", markdown);

        bench.ExitCode.ShouldBe(0, bench.StandardError);
        using var json = JsonDocument.Parse(bench.StandardOutput);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        results.Select(r => (r.GetProperty("tasks").GetInt32(), r.GetProperty("strategy").GetString()))
            .ShouldBe([.. TinySizes.SelectMany(n => FanoutStrategies.Append("raw").Select(s => (n, (string?)s)))]);
        foreach (var result in results.Where(r => r.GetProperty("strategy").GetString() != "raw"))
        {
            result.GetProperty("failures").GetInt32().ShouldBe(0);
            result.GetProperty("setupSeconds").GetDouble().ShouldBeGreaterThan(0);
            result.GetProperty("setupSecondsMax").GetDouble().ShouldBeGreaterThanOrEqualTo(result.GetProperty("setupSeconds").GetDouble());
            result.GetProperty("parallelEfficiency").GetDouble().ShouldBeGreaterThan(0);
            result.GetProperty("peakMemoryMB").GetDouble().ShouldBeGreaterThan(10);
        }

        json.RootElement.GetProperty("repository").GetProperty("files").GetInt32().ShouldBe(30);
        (await File.ReadAllTextAsync(markdown)).ShouldContain("| Tasks | sequential | issue-first | overlap | pool | raw `git worktree add` |");
        Directory.EnumerateFileSystemEntries(temp).ShouldBeEmpty("the bench removes its copies");
    }

    [Fact]
    public async Task Bench_with_github_pacing_tracks_issues_paced_on_a_simulated_github()
    {
        using var folder = new TempDirectory();
        var temp = Directory.CreateDirectory(folder.Combine("tmp")).FullName;

        var bench = await FanoutCli.RunAsync(
            folder.Path, Temp(temp), "bench", "--generate", "10", "--tasks", "2", "--strategies", "issue-first,overlap", "--github-pacing", "--issue-latency", "100ms", "--repeat", "1", "--json");

        bench.ExitCode.ShouldBe(0, bench.StandardError);
        using var json = JsonDocument.Parse(bench.StandardOutput);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("strategy").GetString()!);
        results["issue-first"].GetProperty("trackerRequests").GetInt32().ShouldBeGreaterThan(0);
        results["issue-first"].GetProperty("failures").GetInt32().ShouldBe(0);
        results["overlap"].GetProperty("failures").GetInt32().ShouldBe(0);

        // The second issue is created at least a second after the first: GitHub's spacing of mutating requests.
        results["issue-first"].GetProperty("setupSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(1.0);
        json.RootElement.GetProperty("settings").GetProperty("gitHubPacing").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("--generate 5 --repo .", "--repo and --generate")]
    [InlineData("--generate 5 --tasks 0", "--tasks '0'")]
    [InlineData("--generate 5 --tasks 1,x", "--tasks '1,x'")]
    [InlineData("--generate 5 --strategies overlap,fast", "unknown 'fast'")]
    [InlineData("--generate 5 --issue-latency soon", "--issue-latency must be a duration from 0s to 5m (such as 90, 30s, 10m, 1h30m or 500ms), not 'soon'")]
    [InlineData("--generate 0", "--generate must be a whole number from 1 to 1000000, not '0'")]
    [InlineData("--generate many", "--generate must be a whole number from 1 to 1000000, not 'many'")]
    [InlineData("--generate 5 --repeat 0", "--repeat must be a whole number from 1 to 100, not '0'")]
    [InlineData("--generate 5 --repeat 1.5", "--repeat must be a whole number from 1 to 100, not '1.5'")]
    [InlineData("workspaces --files abc", "--files must be a whole number from 1 to 1000000, not 'abc'")]
    [InlineData("workspaces --settle -1", "--settle must be a whole number from 0 to 3600, not '-1'")]
    public async Task Bad_flags_are_refused_with_one_line_before_anything_is_made(string flags, string named)
    {
        using var folder = new TempDirectory();
        var temp = Directory.CreateDirectory(folder.Combine("tmp")).FullName;

        var bench = await FanoutCli.RunAsync(folder.Path, Temp(temp), ["bench", .. flags.Split(' ')]);

        bench.ExitCode.ShouldBe(2);
        bench.StandardError.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain(named);
        Directory.EnumerateFileSystemEntries(temp).ShouldBeEmpty();
    }

    [Fact]
    public async Task Outside_a_repository_the_bench_asks_for_one_or_for_generate()
    {
        using var folder = new TempDirectory();

        var bench = await FanoutCli.RunAsync(folder.Path, "bench", "--tasks", "1");

        bench.ExitCode.ShouldBe(2);
        bench.StandardError.ShouldContain("--generate FILES");
    }

    private static Dictionary<string, string?> Temp(string folder) => new() { ["TMPDIR"] = folder };
}
