using System.Globalization;

namespace Fanout.Reporting;

/// <summary>The human summary of a run: its tasks, where the time went, and what failed and how to look.</summary>
public static class RunSummary
{
    public static void Write(TextWriter output, StatusDocument status)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        var run = status.Run;
        // Counted by how each task ended, before any merge or clean.
        var succeeded = status.Tasks.Count(t => (t.Outcome ?? t.State) == "succeeded" || t.State == "merged");
        var attempts = run.Attempts > 1 ? $", attempt {run.Attempts}" : string.Empty;
        output.WriteLine($"Run {run.Id} {run.State}: {succeeded}/{run.Counts["total"]} tasks succeeded ({run.Plan}; {run.Strategy}; base {run.Base}; {run.Tracker} tracker{attempts})");
        if (run.InterruptedAt is { } lost)
        {
            output.WriteLine($"  interrupted: its process was last heard from at {lost.ToLocalTime():HH:mm:ss}; continue it with: {run.Resume}");
        }

        if (run.Planning is { } planning)
        {
            output.WriteLine($"Planned by {planning.Planner} in {PlainRenderer.Seconds(planning.Seconds)}: {planning.Tasks} task(s), {planning.State}" + (planning.Detail is { } note ? $"; {note}" : string.Empty));
        }

        var table = new TextTable("TASK", "STATE", "ISSUE", "BRANCH", "SETUP", "AGENT", "TOTAL");
        foreach (var task in status.Tasks)
        {
            table.Add(
                task.Id,
                task.Attempts > 1 ? $"{task.State} ({task.Attempts} attempts)" : task.State,
                task.Issue is { } issue ? $"#{issue}" : "-",
                task.Branch ?? "-",
                PlainRenderer.Seconds(task.SetupSeconds),
                task.PhaseSeconds.TryGetValue("agent", out var agent) ? PlainRenderer.Seconds(agent) : "-",
                task.Seconds is { } total ? PlainRenderer.Seconds(total) : "-");
        }

        table.Write(output);
        var m = run.Metrics;
        output.WriteLine(
            $"Setup {PlainRenderer.Seconds(m.SetupSeconds)} until the last agent could start; wall {PlainRenderer.Seconds(m.WallSeconds)}; " +
            $"parallel efficiency {m.ParallelEfficiency.ToString("0.00", CultureInfo.InvariantCulture)}; " +
            $"error rate {(m.ErrorRate * 100).ToString("0", CultureInfo.InvariantCulture)}%; tracker requests {m.TrackerRequests}");
        foreach (var task in status.Tasks.Where(t => t.Question is not null))
        {
            output.WriteLine($"  {task.Id} is waiting for an answer: {task.Question}");
            output.WriteLine($"    answer: fanout answer {task.Id} TEXT --run {run.Id}");
        }

        foreach (var task in status.Tasks.Where(t => t.Error is not null || t.State is "blocked" or "conflicted"))
        {
            var why = task.Error is { } e
                ? $"failed in {e.Phase}: {e.Message}" + (e.StderrTail is { Length: > 0 } tail ? $" | {tail.Split('\n')[^1]}" : string.Empty)
                : $"{task.State}: {task.Reason}";
            output.WriteLine($"  {task.Id}: {why}");
            output.WriteLine($"    log: fanout logs {task.Id} --run {run.Id}" + (task.Worktree is { } w ? $"; worktree: {w}" : string.Empty));
        }
    }
}
