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
            .Add("setup", Seconds(report.SetupSeconds) + (report.CriticalTask is { } critical ? $" (until {critical} could start its agent)" : string.Empty))
            .Add("wall", Seconds(report.WallSeconds))
            .Add("parallel efficiency", report.ParallelEfficiency.ToString("0.00", CultureInfo.InvariantCulture))
            .Add("error rate", Percent(report.ErrorRate))
            .Add("tracker requests", report.TrackerRequests.ToString(CultureInfo.InvariantCulture))
            .Add("rate limit remaining", report.RateLimitRemaining?.ToString(CultureInfo.InvariantCulture) ?? "n/a")
            .Add("disk used by worktrees", Bytes(report.DiskBytes) + $" ({report.Worktrees.Count(w => w.Bytes is not null)} of {report.Worktrees.Count} still on disk)");
        figures.Write(output);
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
    }

    public static string Seconds(double seconds) => PlainRenderer.Seconds(seconds);

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
