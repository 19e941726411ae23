using System.Globalization;
using System.Text;

namespace Fanout.Bench.Goal;

/// <summary>The goal bench's table: medians and spreads per method and N, and each method's ratio to planning first.</summary>
public static class GoalBenchTable
{
    public static string Write(GoalBenchReport report)
    {
        var text = new StringBuilder();
        var o = report.Options;
        text.Append(CultureInfo.InvariantCulture, $"From goal to every agent started: a scripted planner writes one task every {o.Every.TotalSeconds:0.###} s; {o.Files} files; median (min–max) of {o.Repeat} interleaved repeat(s); {report.Machine}\n\n");
        text.Append("| N | method | goal → all agents started (s) | vs plan-then-run | last task → last agent started (s) | failed |\n");
        text.Append("|---:|---|---:|---:|---:|---:|\n");
        foreach (var n in o.Tasks)
        {
            var baseline = Median(report, GoalBenchmark.PlanThenRun, n, s => s.AllStartedSeconds);
            foreach (var method in new[] { GoalBenchmark.PlanThenRun, GoalBenchmark.Predictive, GoalBenchmark.PredictiveWarm })
            {
                var samples = report.Samples.Where(s => s.Method == method && s.Tasks == n).ToList();
                var all = Median(report, method, n, s => s.AllStartedSeconds);
                var after = Median(report, method, n, s => s.AfterLastTaskSeconds);
                text.Append(CultureInfo.InvariantCulture, $"| {n} | {method} | {all:F2} ({samples.Min(s => s.AllStartedSeconds):F2}–{samples.Max(s => s.AllStartedSeconds):F2}) | {all / baseline:F2} | {after:F2} ({samples.Min(s => s.AfterLastTaskSeconds):F2}–{samples.Max(s => s.AfterLastTaskSeconds):F2}) | {samples.Count(s => s.Failed)}/{samples.Count} |\n");
            }
        }

        return text.ToString();
    }

    private static double Median(GoalBenchReport report, string method, int n, Func<GoalSample, double> value) =>
        BenchReport.Median(report.Samples.Where(s => s.Method == method && s.Tasks == n).Select(value));
}
