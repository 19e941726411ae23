using System.Globalization;

namespace Fanout.Reporting.Report;

/// <summary>The report for a terminal or a log: the figures, then the phases, then the disk.</summary>
public static class ReportText
{
    public static void Write(TextWriter output, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var others = (report.Blocked > 0 ? $", {report.Blocked} blocked" : string.Empty) + (report.Cancelled > 0 ? $", {report.Cancelled} cancelled" : string.Empty);
        var attempts = report.Attempts > 1 ? $"; {report.Attempts} attempts" : string.Empty;
        output.WriteLine($"Run {report.RunId} {report.State} ({report.Plan}; {report.Strategy}{attempts}): {report.Succeeded}/{report.Tasks} tasks succeeded, {report.Failed} failed{others}");
        if (report.InterruptedAt is { } lost)
        {
            output.WriteLine($"Interrupted: last heard from at {lost:u}; the wall time stops there. Continue it with: fanout resume {report.RunId}");
        }
        var figures = new TextTable("METRIC", "VALUE")
            .Add("setup", Seconds(report.SetupSeconds) + $" ({SetupNote(report)})")
            .Add("agents started", AgentStarts(report))
            .Add("queued", Seconds(report.QueuedSeconds) + " (tasks waiting for a free slot, summed)")
            .Add("wall", Seconds(report.WallSeconds))
            .Add("parallel efficiency", report.ParallelEfficiency.ToString("0.00", CultureInfo.InvariantCulture))
            .Add("error rate", Percent(report.ErrorRate))
            .Add("tracker requests", report.TrackerRequests.ToString(CultureInfo.InvariantCulture))
            .Add("rate limit remaining", report.RateLimitRemaining?.ToString(CultureInfo.InvariantCulture) ?? "n/a")
            .Add("disk used by worktrees", Bytes(report.DiskBytes) + $" ({report.Worktrees.Count(w => w.Bytes is not null)} of {report.Worktrees.Count} still on disk)");
        if (report.Questions > 0)
        {
            figures.Add("waiting for answers", $"{Seconds(report.QuestionSeconds)} over {report.Questions} question(s)");
        }

        figures.Write(output);
        if (report.Planning is { } planning)
        {
            output.WriteLine(PlanningLine(planning));
        }

        output.WriteLine("Phases (per task, repeats summed):");
        var phases = new TextTable("PHASE", "TASKS", "MEDIAN", "MAX", "LONGEST");
        foreach (var phase in report.Phases)
        {
            phases.Add(phase.Phase, phase.Tasks.ToString(CultureInfo.InvariantCulture), Seconds(phase.MedianSeconds), Seconds(phase.MaxSeconds), phase.MaxTask);
        }

        phases.Write(output);
        if (report.Workers.Count > 0)
        {
            output.WriteLine("Workers (a lane each):");
            var lanes = new TextTable("WORKER", "TASKS", "SUCCEEDED", "BUSY", "RAN");
            foreach (var lane in report.Workers)
            {
                lanes.Add(lane.Worker, lane.Tasks.Count.ToString(CultureInfo.InvariantCulture), lane.Succeeded.ToString(CultureInfo.InvariantCulture), Seconds(lane.BusySeconds), string.Join(", ", lane.Tasks));
            }

            lanes.Write(output);
        }
        foreach (var f in report.Failures)
        {
            output.WriteLine($"Failed: {f.Task} in {f.Phase}: {f.Message}");
            output.WriteLine($"  command {f.Command ?? "-"}, exit code {f.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}{(f.LogFile is { } log ? $", log {log}" : string.Empty)}");
            foreach (var line in (f.StderrTail ?? string.Empty).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine($"  | {line}");
            }
        }
    }

    /// <summary>What the setup figure measures: from the run's start until the last agent could start, which includes any wait for a slot.</summary>
    public static string SetupNote(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var until = report.CriticalTask is { } critical ? $"until {critical} could start its agent" : "until the last agent could start";
        return report.QueuedSeconds > 0 ? $"{until}; includes waiting for a free slot" : until;
    }

    /// <summary>Planning, and what starting tasks while the planner wrote saved against planning first and running after.</summary>
    public static string PlanningLine(PlanningReport planning)
    {
        ArgumentNullException.ThrowIfNull(planning);
        return $"Planning: {planning.Planner} wrote {planning.Tasks} task(s) in {Seconds(planning.Seconds)}; each started as it appeared. " +
            $"Planning first and running after would have started the last agent at {Seconds(planning.PlanThenRunLastAgentSeconds)} (here {Seconds(planning.LastAgentSeconds)}) " +
            $"and ended at {Seconds(planning.PlanThenRunWallSeconds)} (here {Seconds(planning.WallSeconds)}): {Seconds(planning.SavedSeconds)} saved.";
    }

    public static string Seconds(double seconds) => PlainRenderer.Seconds(seconds);

    /// <summary>"first 1.2s, median 4.0s, last 9.8s": when the agents could start, from the run's start.</summary>
    public static string AgentStarts(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report is { FirstAgentSeconds: { } first, MedianAgentSeconds: { } median, LastAgentSeconds: { } last }
            ? $"first {Seconds(first)}, median {Seconds(median)}, last {Seconds(last)}"
            : "n/a";
    }

    public static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes.Value / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes.Value / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
    };
}
