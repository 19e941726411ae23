using System.Globalization;
using System.Text;

using Fanout.Journal;

using static Fanout.Reporting.Report.HtmlReport;

namespace Fanout.Reporting.Report;

/// <summary>
/// The timeline's SVG: an axis that stays in view while the rows scroll beneath it, then one row
/// per task with a bar per phase, tick lines, and the setup line.
/// </summary>
internal static class HtmlTimeline
{
    public const string PlanningColour = "#a3a3a3";

    private const double AxisHeight = 36;

    public static void Write(StringBuilder html, TimelineLayout t)
    {
        var inv = CultureInfo.InvariantCulture;
        html.Append(inv, $"<div class=\"timeline\">\n<svg class=\"axis\" width=\"{N(t.Width)}\" height=\"{N(AxisHeight)}\">\n");
        foreach (var tick in t.Ticks)
        {
            var anchor = tick.Seconds == 0 ? " start" : string.Empty;
            html.Append(inv, $"<line class=\"tick\" x1=\"{N(tick.X)}\" y1=\"28\" x2=\"{N(tick.X)}\" y2=\"{N(AxisHeight)}\"/><text class=\"tick-label{anchor}\" x=\"{N(tick.X)}\" y=\"25\">{E(tick.Label)}</text>\n");
        }

        html.Append(inv, $"<text class=\"axis-title\" x=\"{N(t.PlotLeft - 10)}\" y=\"25\">task</text>\n");
        html.Append(inv, $"<line class=\"setup\" x1=\"{N(t.SetupX)}\" y1=\"0\" x2=\"{N(t.SetupX)}\" y2=\"{N(AxisHeight)}\"/>\n");
        html.Append(inv, $"<text class=\"setup-label\" x=\"{N(t.SetupX + 5)}\" y=\"11\">setup {E(ReportText.Seconds(t.SetupSeconds))}{E(t.CriticalTask is { } critical ? $" ({critical})" : string.Empty)}</text>\n</svg>\n");
        html.Append(inv, $"<svg class=\"rows\" width=\"{N(t.Width)}\" height=\"{N(t.Height)}\">\n");
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var row = t.Rows[i];
            var background = row.Critical ? "row critical" : i % 2 == 1 ? "row stripe" : null;
            if (background is not null)
            {
                html.Append(inv, $"<rect class=\"{background}\" x=\"0\" y=\"{N(row.Y)}\" width=\"{N(t.Width)}\" height=\"{N(TimelineLayout.RowHeight)}\"/>\n");
            }
        }

        foreach (var tick in t.Ticks)
        {
            html.Append(inv, $"<line class=\"grid\" x1=\"{N(tick.X)}\" y1=\"0\" x2=\"{N(tick.X)}\" y2=\"{N(t.Height)}\"/>\n");
        }

        if (t.Planning is { } planning)
        {
            Planning(html, planning);
        }

        foreach (var row in t.Rows)
        {
            Row(html, row);
        }

        html.Append(inv, $"<line class=\"setup\" x1=\"{N(t.SetupX)}\" y1=\"0\" x2=\"{N(t.SetupX)}\" y2=\"{N(t.Height)}\"><title>setup {E(ReportText.Seconds(t.SetupSeconds))}: the last agent could start here{E(t.CriticalTask is { } c ? $" ({c})" : string.Empty)}</title></line>\n");
        html.Append("</svg>\n</div>\n");
    }

    private static void Planning(StringBuilder html, PlanningLane lane)
    {
        var inv = CultureInfo.InvariantCulture;
        var top = lane.Y + ((TimelineLayout.RowHeight - TimelineLayout.BarArea) / 2);
        html.Append(inv, $"<g class=\"planning\" data-lane=\"planning\">\n<text class=\"label\" x=\"{N(TimelineLayout.LabelWidth - 10)}\" y=\"{N(lane.Y + 15)}\">planning</text>\n");
        html.Append(inv, $"<rect class=\"bar planning\" x=\"{N(lane.X)}\" y=\"{N(top)}\" width=\"{N(lane.Width)}\" height=\"{N(TimelineLayout.BarArea)}\" rx=\"2\" fill=\"{PlanningColour}\"><title>planning · {E(ReportText.Seconds(lane.EndSeconds - lane.StartSeconds))} ({N(lane.StartSeconds)}–{N(lane.EndSeconds)} s)</title></rect>\n");
        foreach (var mark in lane.Appeared)
        {
            html.Append(inv, $"<line class=\"appeared\" x1=\"{N(mark.X)}\" y1=\"{N(top)}\" x2=\"{N(mark.X)}\" y2=\"{N(top + TimelineLayout.BarArea)}\"><title>{E(mark.TaskId)} appeared at {N(mark.Seconds)} s</title></line>\n");
        }

        html.Append("</g>\n");
    }

    private static void Row(StringBuilder html, TimelineRow row)
    {
        var inv = CultureInfo.InvariantCulture;
        var label = row.TaskId.Length > 30 ? row.TaskId[..29] + "…" : row.TaskId;
        var state = row.State.Name();
        var note = row.Note is { } n ? $" — {n}" : string.Empty;
        html.Append(inv, $"<g class=\"task {state}{(row.Critical ? " critical" : string.Empty)}\" data-task=\"{E(row.TaskId)}\">\n");
        html.Append(inv, $"<text class=\"label\" x=\"{N(TimelineLayout.LabelWidth - 10)}\" y=\"{N(row.Y + 15)}\"><title>{E(row.TaskId)}: {E(row.Title)} ({state}){E(note)}</title>{(row.Critical ? "\u2605 " : string.Empty)}{E(label)} <tspan class=\"state-tag\">{state}</tspan></text>\n");
        foreach (var bar in row.Bars)
        {
            var failed = bar.Outcome is PhaseOutcome.Failed or PhaseOutcome.Cancelled or PhaseOutcome.Interrupted ? " failed" : string.Empty;
            html.Append(inv, $"<rect class=\"bar {bar.Phase.Name()}{failed}\" data-phase=\"{bar.Phase.Name()}\" x=\"{N(bar.X)}\" y=\"{N(bar.Y)}\" width=\"{N(bar.Width)}\" height=\"{N(bar.Height)}\" rx=\"2\" fill=\"{Colours[bar.Phase]}\">");
            html.Append(inv, $"<title>{E(row.TaskId)} · {bar.Phase.Name()} · {E(ReportText.Seconds(bar.EndSeconds - bar.StartSeconds))} ({N(bar.StartSeconds)}–{N(bar.EndSeconds)} s){(bar.Outcome is { } o && o != PhaseOutcome.Succeeded ? " · " + o.Name() : string.Empty)}</title></rect>\n");
        }

        html.Append("</g>\n");
    }
}
