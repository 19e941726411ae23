using System.Globalization;
using System.Text;

namespace Fanout.Bench;

/// <summary>
/// The bench as Markdown: first a table shaped like the parallel setup pattern's write-up (setup
/// per strategy, with the write-up's modelled figures beside it), then every figure per strategy.
/// </summary>
public static class BenchMarkdown
{
    /// <summary>The write-up's model: 3 s per issue and 5 s per worktree; setup 8 s per task one by one, 8 s in all in parallel.</summary>
    private static readonly Dictionary<int, (int Sequential, int Parallel)> ModelledRuns = new() { [5] = (105, 73), [10] = (150, 78), [20] = (240, 88) };

    public static string Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var settings = report.Settings;
        var tracker = settings.GitHubPacing ? "GitHub tracker with its pacing, against a simulated GitHub on 127.0.0.1" : "local tracker";
        text.Append(CultureInfo.InvariantCulture, $"Repository: {(settings.Repository is null ? "generated" : "copy of " + settings.Repository)}, {report.Files} files at {report.Commit}. ");
        text.Append(CultureInfo.InvariantCulture, $"{tracker}; issue latency {settings.IssueLatency.TotalSeconds:0.###} s per request; median of {settings.Repeat} repeat(s). ");
        text.Append(CultureInfo.InvariantCulture, $"{report.Machine.Cores} cores, {report.Machine.Git}, {report.Machine.OperatingSystem}.\n\n");
        WriteSummary(text, report);
        text.Append('\n');
        WriteDetails(text, report);
        return text.ToString();
    }

    /// <summary>Setup seconds per strategy side by side, the ratios the pattern is judged by, and the write-up's model.</summary>
    private static void WriteSummary(StringBuilder text, BenchReport report)
    {
        var methods = report.Methods;
        var overlap = BenchStrategy.Overlap.Name();
        var ratios = methods.Contains(overlap)
            ? new[] { BenchStrategy.Sequential.Name(), BenchStrategy.IssueFirst.Name() }.Where(methods.Contains).ToArray()
            : [];
        text.Append("| Tasks | ").Append(string.Join(" | ", methods.Select(Title))).Append(string.Concat(ratios.Select(r => $" | overlap / {r}")));
        text.Append(" | write-up, modelled: setup sequential → parallel (whole run) |\n");
        text.Append("|---:|").Append(string.Concat(methods.Select(_ => "---:|"))).Append(string.Concat(ratios.Select(_ => "---:|"))).Append("---|\n");
        foreach (var tasks in report.Settings.Tasks)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {tasks} |");
            foreach (var method in methods)
            {
                var result = report.Find(tasks, method);
                text.Append(result is null ? " — |" : string.Create(CultureInfo.InvariantCulture, $" {result.SetupSeconds:F2} s{(result.Failures > 0 ? $" ({result.Failures} failed)" : string.Empty)} |"));
            }

            foreach (var baseline in ratios)
            {
                var ratio = report.Find(tasks, overlap) is { } o && report.Find(tasks, baseline) is { SetupSeconds: > 0 } b ? o.SetupSeconds / b.SetupSeconds : (double?)null;
                text.Append(ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $" {r:F2}× |") : " — |");
            }

            text.Append(CultureInfo.InvariantCulture, $" {8 * tasks} s → 8 s");
            text.Append(ModelledRuns.TryGetValue(tasks, out var run) ? string.Create(CultureInfo.InvariantCulture, $" ({run.Sequential} s → {run.Parallel} s)") : string.Empty).Append(" |\n");
        }

        text.Append("\nSetup: from the run's start until every task's agent had started (`setupSeconds`); raw: until every concurrent `git worktree add` ended. ");
        text.Append("The write-up modelled 3 s per issue and 5 s per worktree and measured nothing.\n");
    }

    private static void WriteDetails(StringBuilder text, BenchReport report)
    {
        text.Append("| Tasks | Method | Setup median (s) | min–max (s) | vs sequential | vs issue-first | Parallel efficiency | First agent (s) | Median agent (s) | Last agent (s) | Failures | Fanout peak memory (MB) | Wall (s) |\n");
        text.Append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in report.Results)
        {
            text.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Tasks} | {Title(r.Method)} | {r.SetupSeconds:F3} | {r.SetupSecondsMin:F2}–{r.SetupSecondsMax:F2} | {Times(r.RatioToSequential)} | {Times(r.RatioToIssueFirst)} | {Number(r.ParallelEfficiency, "F2")} | {Number(r.FirstAgentSeconds, "F2")} | {Number(r.MedianAgentSeconds, "F2")} | {Number(r.LastAgentSeconds, "F2")} | {r.Failures}/{r.Attempts} | {Number(r.PeakMemoryMB, "F1")} | {Number(r.WallSeconds, "F2")} |\n"));
        }
    }

    private static string Title(string method) => method switch
    {
        RawWorktreeTrial.Method => "raw `git worktree add`",
        ScriptTrial.Method => "the pattern as a script",
        _ => method,
    };

    private static string Times(double? ratio) => ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:F2}×") : "—";

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
}
