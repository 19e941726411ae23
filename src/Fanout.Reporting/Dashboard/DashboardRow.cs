using Fanout.Journal;

using Spectre.Console;

namespace Fanout.Reporting.Dashboard;

/// <summary>One task's line of the dashboard, from its snapshot: what it is doing, or why it stopped.</summary>
internal static class DashboardRow
{
    public static (string Text, Color? Colour)[] Cells(TaskSnapshot task, DateTimeOffset now)
    {
        var inPhase = task.State.IsFinal() || task.CurrentSpan is not { } span ? "-" : DashboardView.Seconds(((span.EndedAt ?? now) - span.StartedAt).TotalSeconds);
        return
        [
            (task.Id, null),
            (task.Issue is { } issue ? $"#{issue}" : "-", null),
            (task.Branch ?? "-", null),
            (PhaseName(task), null),
            (inPhase, null),
            IsProblem(task) ? (Reason(task), Color.Red)
                : task.OpenQuestion is { } question ? (OneLine($"waiting for an answer: {question.Text} (fanout answer {task.Id} TEXT)"), Color.Yellow)
                : (Activity(task), null),
            (StateName(task), StateColour(task.State)),
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

    /// <summary>The phase a failure happened in; for any other finished task its state (a finished task is in no phase); else the phase it is in.</summary>
    public static string PhaseName(TaskSnapshot task) => task switch
    {
        { State: TaskState.Failed, Failure: { } failure } => failure.Phase.Name(),
        _ when task.State.IsFinal() => task.State.Name(),
        _ => task.Phase?.Name() ?? "-",
    };

    /// <summary>The state, except that a task waiting for its dependencies reads <c>waiting</c>, not the <c>preparing</c> it has left.</summary>
    public static string StateName(TaskSnapshot task) =>
        task is { State: TaskState.Preparing, CurrentSpan: { Phase: Phase.Wait, EndedAt: null } } ? "waiting" : task.State.Name();

    /// <summary>
    /// Why a task stopped: for a failure, the first line of the failing command's stderr (what explains
    /// it, where the message only gives the exit code); else the state's own reason (blocked by,
    /// conflicted on), else what the failure said.
    /// </summary>
    public static string Reason(TaskSnapshot task)
    {
        if (task is { State: TaskState.Failed, Failure.StderrTail: { } tail } && FirstLine(tail) is { } line)
        {
            return line;
        }

        return (task.Reason ?? task.Failure?.Message) is { } reason ? OneLine(reason) : "-";
    }

    private static string? FirstLine(string text) =>
        text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } line ? OneLine(line) : null;

    private static string Activity(TaskSnapshot task)
    {
        var parts = new List<string>();
        if (task.Progress is { } progress)
        {
            parts.Add(OneLine(progress));
        }

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
            : task.LastActivity is { } output && task.LastActivityKind == "output" ? OneLine(output)
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
