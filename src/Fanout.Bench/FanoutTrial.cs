using System.Text.Json;

using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>
/// One measured run: the bench plan through a child <c>fanout run</c> with the strategy (and, for
/// the pool, a warm pool made untimed just before), then its figures read back through
/// <c>fanout status --json</c>, the same contract users' scripts read.
/// </summary>
public sealed class FanoutTrial(FanoutProgram fanout, BenchRepository repository, BenchSettings settings, Uri? gitHubApi, string? gitHubToken)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

    public async Task<BenchSample> RunAsync(BenchStrategy strategy, int tasks, int repeat, CancellationToken cancellationToken)
    {
        var plan = BenchPlan.Write(repository.Parent, tasks, gitHubApi);
        if (strategy == BenchStrategy.Pool)
        {
            await FanoutAsync(["pool", "warm", tasks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--repo", repository.Path], cancellationToken);
            await repository.SyncAsync(cancellationToken);
        }

        List<string> run = ["run", plan, "--repo", repository.Path, "--strategy", strategy.RunStrategy(), "--json"];
        if (gitHubApi is null && settings.IssueLatency > TimeSpan.Zero)
        {
            // With GitHub pacing the simulated server pays the latency; adding it here would count it twice.
            run.AddRange(["--tracker-latency", $"{settings.IssueLatency.TotalMilliseconds:0}ms"]);
        }

        var ran = await FanoutAsync(run, cancellationToken, acceptTaskFailures: true);
        var status = await FanoutAsync(["status", "--json", "--repo", repository.Path], cancellationToken);
        return Read(status.StandardOutput, strategy, tasks, repeat, ran.ExitCode);
    }

    /// <summary>The figures of the run <c>status --json</c> shows (the latest, which is this one).</summary>
    public static BenchSample Read(string statusJson, BenchStrategy strategy, int tasks, int repeat, int exitCode)
    {
        using var document = JsonDocument.Parse(statusJson);
        var run = document.RootElement.GetProperty("run");
        var metrics = run.GetProperty("metrics");
        var unfinished = document.RootElement.GetProperty("tasks").EnumerateArray().Count(t => t.GetProperty("state").GetString() != "succeeded");
        return new BenchSample(tasks, strategy.Name(), repeat, metrics.GetProperty("setupSeconds").GetDouble(), exitCode == 0 ? unfinished : Math.Max(1, unfinished))
        {
            WallSeconds = metrics.GetProperty("wallSeconds").GetDouble(),
            ParallelEfficiency = metrics.GetProperty("parallelEfficiency").GetDouble(),
            PeakMemoryMB = Optional(metrics, "peakMemoryMB"),
            TrackerRequests = metrics.GetProperty("trackerRequests").GetInt32(),
            FirstAgentSeconds = Optional(metrics, "firstAgentSeconds"),
            MedianAgentSeconds = Optional(metrics, "medianAgentSeconds"),
            LastAgentSeconds = Optional(metrics, "lastAgentSeconds"),
        };
    }

    private static double? Optional(JsonElement metrics, string name) =>
        metrics.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private async Task<ProcessResult> FanoutAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool acceptTaskFailures = false)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1", ["GITHUB_TOKEN"] = gitHubToken, ["GH_TOKEN"] = null };
        var result = await repository.Runner.RunAsync(fanout.Spec(arguments, repository.Path, environment, RunTimeout), cancellationToken);
        if (result.Succeeded || (acceptTaskFailures && result.ExitCode == 1 && !result.TimedOut))
        {
            return result;
        }

        var tail = result.StandardError.Trim().Split('\n').LastOrDefault() ?? string.Empty;
        throw new BenchException($"'fanout {string.Join(' ', arguments)}' ended with exit code {result.ExitCode}{(result.TimedOut ? " (timed out)" : string.Empty)}: {tail}");
    }
}
