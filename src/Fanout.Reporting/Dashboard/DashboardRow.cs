using Fanout.Journal;

using Spectre.Console;

namespace Fanout.Reporting.Dashboard;

/// <summary>One task's line of the dashboard, from its snapshot: what it is doing, or why it stopped.</summary>
internal static class DashboardRow
{
    public static (string Text, Color? Colour)[] Cells(TaskSnapshot task, DateTimeOffset now)
    {
        var inPhase = task.State.IsFinal() || task.CurrentSpan is not { } span ? "-" : DashboardView.Seconds(((span.EndedAt ?? now) - span.StartedAt).TotalSeconds);
        var phase = IsProblem(task) && task.Failure is { } failure ? failure.Phase : task.Phase;
        return
        [
            (task.Id, null),
            (task.Issue is { } issue ? $"#{issue}" : "-", null),
            (task.Branch ?? "-", null),
            (phase?.Name() ?? "-", null),
            (inPhase, null),
            IsProblem(task) ? (Reason(task), Color.Red) : (Activity(task), null),
            (task.State.Name(), StateColour(task.State)),
        ];
    }

    public static bool IsProblem(TaskSnapshot task) => task.State is TaskState.Failed or TaskState.Blocked or TaskState.Conflicted;

    public static bool IsActive(TaskSnapshot task) => !task.State.IsFinal() && task.State != TaskState.Pending;

    // Problems first, then what is moving, then what waits, then what is done.
    public static int Priority(TaskSnapshot task) => task switch
    {
        _ when IsProblem(task) => 0,
        _ when IsActive(task) => 1,
        { State: TaskState.Pending } => 2,
        _ => 3,
    };

    // The state's own reason when it gave one (blocked by, conflicted on), else what the failure said.
    private static string Reason(TaskSnapshot task) => (task.Reason ?? task.Failure?.Message) is { } reason ? OneLine(reason) : "-";

    private static string Activity(TaskSnapshot task)
    {
        var parts = new List<string>();
        if (task.LastTool is { } tool)
        {
            parts.Add(OneLine(tool));
        }

        if (task.Turns > 0)
        {
            parts.Add(task.Turns == 1 ? "1 turn" : $"{task.Turns} turns");
        }

        if (task.Cost is { } cost)
        {
            parts.Add(OneLine(cost));
        }

        return parts.Count > 0 ? string.Join(" · ", parts)
            : task.LastActivity is { } text ? OneLine($"{task.LastActivityKind}: {text}")
            : "-";
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length <= 200 ? line : line[..199] + "…";
    }

    private static Color? StateColour(TaskState state) => state switch
    {
        TaskState.Succeeded or TaskState.Merged or TaskState.Cleaned => Color.Green,
        TaskState.Failed or TaskState.Conflicted => Color.Red,
        TaskState.Blocked or TaskState.Cancelled => Color.Yellow,
        TaskState.Pending => Color.Grey,
        _ => Color.Blue,
    };
}
