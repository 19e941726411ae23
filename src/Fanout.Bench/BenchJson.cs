using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fanout.Bench;

/// <summary>
/// <c>fanout bench --json</c>: one object, <c>{"results": [{"tasks", "strategy", "setupSeconds",
/// "setupSecondsMax", "parallelEfficiency", "failures", "peakMemoryMB", …}]}</c>, camelCase; fields
/// may be added, none removed.
/// </summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var results = new JsonArray();
        foreach (var result in report.Results)
        {
            results.Add(new JsonObject
            {
                ["tasks"] = result.Tasks,
                ["strategy"] = result.Method,
                ["setupSeconds"] = Round(result.SetupSeconds),
                ["setupSecondsMin"] = Round(result.SetupSecondsMin),
                ["setupSecondsMax"] = Round(result.SetupSecondsMax),
                ["parallelEfficiency"] = Round(result.ParallelEfficiency),
                ["failures"] = result.Failures,
                ["attempts"] = result.Attempts,
                ["peakMemoryMB"] = Round(result.PeakMemoryMB),
                ["wallSeconds"] = Round(result.WallSeconds),
                ["trackerRequests"] = result.TrackerRequests,
                ["firstAgentSeconds"] = Round(result.FirstAgentSeconds),
                ["medianAgentSeconds"] = Round(result.MedianAgentSeconds),
                ["lastAgentSeconds"] = Round(result.LastAgentSeconds),
                ["ratioToSequential"] = Round(result.RatioToSequential),
                ["ratioToIssueFirst"] = Round(result.RatioToIssueFirst),
                ["repeats"] = result.Repeats,
            });
        }

        var settings = report.Settings;
        var root = new JsonObject
        {
            ["results"] = results,
            ["repository"] = new JsonObject
            {
                ["source"] = settings.Repository is { } source ? Path.GetFullPath(source) : null,
                ["files"] = report.Files,
                ["commit"] = report.Commit,
            },
            ["settings"] = new JsonObject
            {
                ["tasks"] = new JsonArray([.. settings.Tasks.Select(n => (JsonNode?)n)]),
                ["strategies"] = new JsonArray([.. settings.Strategies.Select(s => (JsonNode?)s.Name())]),
                ["issueLatencySeconds"] = settings.IssueLatency.TotalSeconds,
                ["gitHubPacing"] = settings.GitHubPacing,
                ["repeat"] = settings.Repeat,
            },
            ["machine"] = new JsonObject
            {
                ["cores"] = report.Machine.Cores,
                ["git"] = report.Machine.Git,
                ["os"] = report.Machine.OperatingSystem,
            },
        };
        return root.ToJsonString(Indented);
    }

    private static double? Round(double? value) => value is { } known && double.IsFinite(known) ? Math.Round(known, 4) : null;
}
