using System.Globalization;

using Fanout.Journal;

using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fanout.Reporting.Dashboard;

/// <summary>
/// One frame of the dashboard, drawn from the run's snapshot: a header of counts and times, then
/// one line per task. When there are more tasks than lines, failing and running tasks come first
/// and the rest are counted.
/// </summary>
public static class DashboardView
{
    // The two header lines, the table's borders and heading, the "+N more" line, and the line the cursor rests on.
    public const int FixedLines = 8;

    private static readonly string[] Headings = ["TASK", "ISSUE", "BRANCH", "PHASE", "IN PHASE", "AGENT", "STATE"];

    // Widest a column may get before the agent column; the agent column takes what is left.
    private static readonly int[] Caps = [28, 7, 40, 11, 8, 0, 12];

    /// <param name="run">The run so far (<see cref="RunFold.Snapshot"/>); null until it started.</param>
    /// <param name="width">The console's columns: every task stays on one line, cut with an ellipsis.</param>
    /// <param name="height">The console's rows: the frame never needs more, so it redraws in place.</param>
    public static IRenderable Build(RunSnapshot? run, DateTimeOffset now, int width, int height)
    {
        var tasks = run?.Tasks ?? [];
        var room = Math.Max(3, height - FixedLines);
        var shown = tasks.Count <= room ? tasks : [.. tasks.OrderBy(DashboardRow.Priority).Take(room)];
        var rows = shown.Select(task => DashboardRow.Cells(task, now)).ToList();
        var widths = Widths(rows, width);
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < Headings.Length; i++)
        {
            table.AddColumn(new TableColumn(new Text(Headings[i], new Style(decoration: Decoration.Bold))) { Width = widths[i], NoWrap = true });
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select((cell, i) => Cell(Fit(cell.Text, widths[i]), cell.Colour)));
        }

        var lines = new List<IRenderable> { Title(run, now), Counts(tasks), table };
        if (tasks.Count > shown.Count)
        {
            var hidden = tasks.Except(shown).ToList();
            var byState = hidden.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}");
            lines.Add(new Text($"+{hidden.Count} more ({string.Join(", ", byState)})", new Style(Color.Grey)));
        }

        return new Rows(lines);
    }

    // The setup figure and whether it is still growing are status's own (MetricsCalculator.Setup).
    private static Markup Title(RunSnapshot? run, DateTimeOffset now)
    {
        var (setup, done) = run is null ? (0, false) : MetricsCalculator.Setup(run, now);
        var title = run is { EndedAt: not null } ? $"run {run.Id} {run.State.Name()}" : $"run {run?.Id}";
        var elapsed = run is null ? 0 : Math.Max(0, ((run.EndedAt ?? now) - run.StartedAt).TotalSeconds);
        var planning = run?.Planning is { } p
            ? p.EndedAt is null ? $" · [blue]planning: {p.Tasks} task(s) so far[/]" : $" · planned {p.Tasks} task(s) in {Seconds((p.EndedAt.Value - p.StartedAt).TotalSeconds)}"
            : string.Empty;
        var waiting = run?.Tasks.Count(t => t.OpenQuestion is not null) ?? 0;
        var questions = waiting > 0 ? $" · [yellow]{waiting} waiting for an answer[/]" : string.Empty;
        return new Markup($"[bold]{Markup.Escape(title)}[/] ({Markup.Escape(run?.Info.PlanName ?? "-")}) · elapsed {Seconds(elapsed)} · setup {Seconds(setup)}{(done ? string.Empty : "…")}{planning}{questions}");
    }

    private static Markup Counts(IReadOnlyList<TaskSnapshot> tasks)
    {
        var parts = new List<string>
        {
            $"{tasks.Count} tasks",
            $"[green]{tasks.Count(t => t.State is TaskState.Succeeded or TaskState.Merged or TaskState.Cleaned)} succeeded[/]",
            $"[blue]{tasks.Count(t => DashboardRow.IsActive(t) && t.State != TaskState.Queued)} running[/]",
            $"{tasks.Count(t => t.State == TaskState.Queued)} queued",
            $"{tasks.Count(t => t.State == TaskState.Pending)} pending",
            $"[red]{tasks.Count(t => t.State is TaskState.Failed or TaskState.Conflicted)} failed[/]",
            $"[yellow]{tasks.Count(t => t.State == TaskState.Blocked)} blocked[/]",
        };
        if (tasks.Count(t => t.State == TaskState.Cancelled) is > 0 and var cancelled)
        {
            parts.Add($"[yellow]{cancelled} cancelled[/]");
        }

        return new Markup(string.Join(" · ", parts));
    }

    private static int[] Widths(List<(string Text, Color? Colour)[]> rows, int width)
    {
        var widths = Headings.Select((heading, i) => Math.Min(Caps[i] == 0 ? int.MaxValue : Caps[i], rows.Select(r => r[i].Text.Length).Append(heading.Length).Max())).ToArray();

        // Borders and padding: a bar before each column and one at the end, a space either side of each cell.
        var left = width - (Headings.Length + 1) - (2 * Headings.Length) - widths.Where((_, i) => i != 5).Sum();
        for (var i = 2; left < 10 && i >= 0; i -= 2)
        {
            var cut = Math.Min(widths[i] - Headings[i].Length, 10 - left);
            widths[i] -= cut;
            left += cut;
        }

        widths[5] = Math.Max(5, Math.Min(widths[5], left));
        return widths;
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";

    private static Text Cell(string text, Color? colour) => new(text, colour is { } c ? new Style(c) : Style.Plain);

    internal static string Seconds(double seconds) => seconds switch
    {
        < 60 => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3600 => $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s",
        _ => $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):00}m",
    };
}
