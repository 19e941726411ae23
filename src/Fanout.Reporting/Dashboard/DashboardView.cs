using System.Globalization;

using Fanout.Journal;

using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fanout.Reporting.Dashboard;

/// <summary>
/// One frame of the dashboard: a header of counts and times, then one line per task. When there
/// are more tasks than lines, failing and running tasks come first and the rest are counted.
/// </summary>
public static class DashboardView
{
    // The two header lines, the table's borders and heading, the "+N more" line, and the line the cursor rests on.
    public const int FixedLines = 8;

    private static readonly string[] Headings = ["TASK", "ISSUE", "BRANCH", "PHASE", "IN PHASE", "AGENT", "STATE"];

    // Widest a column may get before the agent column; the agent column takes what is left.
    private static readonly int[] Caps = [28, 7, 40, 11, 8, 0, 12];

    /// <param name="width">The console's columns: every task stays on one line, cut with an ellipsis.</param>
    /// <param name="height">The console's rows: the frame never needs more, so it redraws in place.</param>
    public static IRenderable Build(DashboardModel model, DateTimeOffset now, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tasks = model.Tasks;
        var room = Math.Max(3, height - FixedLines);
        var shown = tasks.Count <= room ? tasks : [.. tasks.OrderBy(Priority).Take(room)];
        var rows = shown.Select(task => Row(task, now)).ToList();
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

        var lines = new List<IRenderable> { Title(model, now), Counts(model), table };
        if (tasks.Count > shown.Count)
        {
            var hidden = tasks.Except(shown).ToList();
            var byState = hidden.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}");
            lines.Add(new Text($"+{hidden.Count} more ({string.Join(", ", byState)})", new Style(Color.Grey)));
        }

        return new Rows(lines);
    }

    private static Markup Title(DashboardModel model, DateTimeOffset now)
    {
        var (setup, done) = model.Setup(now);
        var run = model.FinalState is { } final ? $"run {model.RunId} {final.Name()}" : $"run {model.RunId}";
        return new Markup($"[bold]{Markup.Escape(run)}[/] ({Markup.Escape(model.PlanName ?? "-")}) · elapsed {Seconds(model.Elapsed(now))} · setup {Seconds(setup)}{(done ? string.Empty : "…")}");
    }

    private static Markup Counts(DashboardModel model)
    {
        var tasks = model.Tasks;
        var parts = new List<string>
        {
            $"{tasks.Count} tasks",
            $"[green]{tasks.Count(t => t.State is TaskState.Succeeded or TaskState.Merged or TaskState.Cleaned)} succeeded[/]",
            $"[blue]{tasks.Count(t => t.IsActive)} running[/]",
            $"{tasks.Count(t => t.State == TaskState.Pending)} pending",
            $"[red]{tasks.Count(t => t.State is TaskState.Failed or TaskState.Conflicted)} failed[/]",
            $"[yellow]{tasks.Count(t => t.State == TaskState.Blocked)} blocked[/]",
        };
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

    private static (string Text, Color? Colour)[] Row(DashboardTask task, DateTimeOffset now)
    {
        var inPhase = task.IsFinal || task.PhaseStartedAt is not { } start ? "-" : Seconds(((task.PhaseEndedAt ?? now) - start).TotalSeconds);
        var phase = task.IsProblem && task.FailedPhase is { } failed ? failed : task.Phase;
        return
        [
            (task.Id, null),
            (task.Issue is { } issue ? $"#{issue}" : "-", null),
            (task.Branch ?? "-", null),
            (phase?.Name() ?? "-", null),
            (inPhase, null),
            task.IsProblem ? (task.Reason ?? "-", Color.Red) : (Activity(task), null),
            (task.State.Name(), StateColour(task.State)),
        ];
    }

    private static string Activity(DashboardTask task)
    {
        var parts = new List<string>();
        if (task.LastTool is { } tool)
        {
            parts.Add(tool);
        }

        if (task.Turns > 0)
        {
            parts.Add(task.Turns == 1 ? "1 turn" : $"{task.Turns} turns");
        }

        if (task.Cost is { } cost)
        {
            parts.Add(cost);
        }

        return parts.Count > 0 ? string.Join(" · ", parts) : task.LastActivity ?? "-";
    }

    private static Text Cell(string text, Color? colour) => new(text, colour is { } c ? new Style(c) : Style.Plain);

    private static Color? StateColour(TaskState state) => state switch
    {
        TaskState.Succeeded or TaskState.Merged or TaskState.Cleaned => Color.Green,
        TaskState.Failed or TaskState.Conflicted => Color.Red,
        TaskState.Blocked => Color.Yellow,
        TaskState.Pending => Color.Grey,
        _ => Color.Blue,
    };

    // Problems first, then what is moving, then what waits, then what is done.
    private static int Priority(DashboardTask task) => task switch
    {
        { IsProblem: true } => 0,
        { IsActive: true } => 1,
        { State: TaskState.Pending } => 2,
        _ => 3,
    };

    internal static string Seconds(double seconds) => seconds switch
    {
        < 60 => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3600 => $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s",
        _ => $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):00}m",
    };
}
