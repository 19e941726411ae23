using System.Globalization;
using System.Net;
using System.Text;

using Fanout.Journal;

namespace Fanout.Reporting.Report;

/// <summary>
/// The run report as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts, no
/// links out, and a content security policy that forbids the browser any request at all.
/// </summary>
public static class HtmlReport
{
    /// <summary>Marks a page this class wrote, so a later report may replace it without --force.</summary>
    public const string Generator = "<meta name=\"generator\" content=\"fanout report\">";

    public static readonly IReadOnlyDictionary<Phase, string> Colours = new Dictionary<Phase, string>
    {
        [Phase.Queued] = "#e2e8f0",
        [Phase.Issue] = "#8b5cf6",
        [Phase.Workspace] = "#3b82f6",
        [Phase.Environment] = "#06b6d4",
        [Phase.Wait] = "#cbd5e1",
        [Phase.Agent] = "#22c55e",
        [Phase.Verify] = "#f59e0b",
        [Phase.Deliver] = "#ec4899",
        [Phase.Integrate] = "#64748b",
        [Phase.Merge] = "#14b8a6",
    };

    public static string Render(RunReport report, TimelineLayout timeline)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(timeline);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            {Generator}
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Fanout run {E(report.RunId)}</title>
            <style>{HtmlStyle.Css}</style>
            </head>
            <body>
            <header><h1>Run {E(report.RunId)} <span class="state {E(report.State)}">{E(report.State)}</span></h1>
            <p>plan <b>{E(report.Plan)}</b> · strategy {E(report.Strategy)} · started {report.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss} · {report.Succeeded}/{report.Tasks} tasks succeeded, {report.Failed} failed</p></header>

            """);
        Metrics(html, report);
        html.Append("<section><h2>Timeline</h2>\n");
        if (report.Planning is { } lane)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(ReportText.PlanningLine(lane))}</p>\n");
        }

        Legend(html);
        HtmlTimeline.Write(html, timeline);
        html.Append("</section>\n");
        Failures(html, report);
        Phases(html, report);
        Worktrees(html, report);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Metrics(StringBuilder html, RunReport report)
    {
        var cards = new (string Label, string Value, string Note)[]
        {
            ("setup", ReportText.Seconds(report.SetupSeconds), ReportText.SetupNote(report)),
            ("queued", ReportText.Seconds(report.QueuedSeconds), "tasks waiting for a free slot (maxParallel), summed"),
            ("wall", ReportText.Seconds(report.WallSeconds), "the whole run"),
            ("parallel efficiency", report.ParallelEfficiency.ToString("0.00", CultureInfo.InvariantCulture), "1.00: every task set up at once"),
            ("error rate", ReportText.Percent(report.ErrorRate), $"{report.Failed} of {report.Tasks} tasks failed"),
            ("tracker requests", report.TrackerRequests.ToString(CultureInfo.InvariantCulture), "sent to the tracker"),
            ("rate limit remaining", report.RateLimitRemaining?.ToString(CultureInfo.InvariantCulture) ?? "n/a", report.RateLimitRemaining is null ? "the tracker reported none" : "as last reported"),
            ("disk used", ReportText.Bytes(report.DiskBytes), $"{report.Worktrees.Count(w => w.Bytes is not null)} of {report.Worktrees.Count} worktrees on disk"),
        }.ToList();
        if (report.Planning is { } planning)
        {
            cards.Insert(0, ("planning", ReportText.Seconds(planning.Seconds), $"{planning.Tasks} task(s) by {planning.Planner}"));
            cards.Insert(1, ("saved by starting early", ReportText.Seconds(planning.SavedSeconds), $"against planning first: {ReportText.Seconds(planning.PlanThenRunWallSeconds)}"));
        }

        if (report.Questions > 0)
        {
            cards.Add(("waiting for answers", ReportText.Seconds(report.QuestionSeconds), $"{report.Questions} question(s) asked"));
        }

        html.Append("<section class=\"metrics\">\n");
        foreach (var (label, value, note) in cards)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"metric\"><div class=\"label\">{E(label)}</div><div class=\"value\">{E(value)}</div><div class=\"note\">{E(note)}</div></div>\n");
        }

        html.Append("</section>\n");
    }

    private static void Legend(StringBuilder html)
    {
        html.Append("<div class=\"legend\">");
        foreach (var (phase, colour) in Colours)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span><i style=\"background:{colour}\"></i>{phase.Name()}</span>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<span><i style=\"background:{HtmlTimeline.PlanningColour}\"></i>planning (marks: a task appeared)</span>");
        html.Append("<span><i class=\"setup-key\"></i>setup time (critical path; queued time included)</span><span><i class=\"failed-key\"></i>failed phase</span></div>\n");
    }

    private static void Failures(StringBuilder html, RunReport report)
    {
        if (report.Failures.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"failures\"><h2>Failures</h2><table><thead><tr><th>task</th><th>phase</th><th>command</th><th>exit code</th><th>stderr (last lines)</th><th>log</th></tr></thead><tbody>\n");
        foreach (var f in report.Failures)
        {
            var exit = f.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.Task)}</td><td>{E(f.Phase)}</td><td class=\"path\">{E(f.Command ?? "-")}</td><td>{exit}</td><td><div>{E(f.Message)}</div><pre>{E(f.StderrTail ?? string.Empty)}</pre></td><td class=\"path\">{E(f.LogFile ?? "-")}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Phases(StringBuilder html, RunReport report)
    {
        html.Append("<section><h2>Phases</h2><table><thead><tr><th>phase</th><th>tasks</th><th>median</th><th>max</th><th>longest</th></tr></thead><tbody>\n");
        foreach (var p in report.Phases)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><i class=\"swatch\" style=\"background:{Colours[Enum.Parse<Phase>(p.Phase, ignoreCase: true)]}\"></i>{E(p.Phase)}</td><td>{p.Tasks}</td><td>{ReportText.Seconds(p.MedianSeconds)}</td><td>{ReportText.Seconds(p.MaxSeconds)}</td><td>{E(p.MaxTask)}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Worktrees(StringBuilder html, RunReport report)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>Worktrees</h2><p>{E(ReportText.Bytes(report.DiskBytes))} in {report.Worktrees.Count(w => w.Bytes is not null)} worktrees still on disk.</p><table><thead><tr><th>task</th><th>size</th><th>folder</th></tr></thead><tbody>\n");
        foreach (var w in report.Worktrees)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(w.Task)}</td><td>{E(w.Bytes is null ? "removed" : ReportText.Bytes(w.Bytes))}</td><td class=\"path\">{E(w.Path)}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }
}
