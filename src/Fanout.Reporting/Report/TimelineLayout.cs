using Fanout.Journal;

namespace Fanout.Reporting.Report;

/// <summary>
/// Where every bar of the run's timeline goes, in SVG pixels: one row per task, one bar per phase
/// span on a shared time axis (phases that overlap, like issue and workspace, get their own lanes),
/// ticks at round seconds, and the setup time marked with the task that set it.
/// </summary>
public sealed record TimelineLayout(
    double Width,
    double Height,
    double PlotLeft,
    double PlotWidth,
    double Seconds,
    double SetupSeconds,
    double SetupX,
    string? CriticalTask,
    IReadOnlyList<TimelineTick> Ticks,
    IReadOnlyList<TimelineRow> Rows)
{
    /// <summary>The planner's own lane above the tasks (goal runs): its span, and a mark where each task appeared.</summary>
    public PlanningLane? Planning { get; init; }

    public const double LabelWidth = 230;
    public const double RowHeight = 22;
    public const double BarArea = 16;
    public const double Top = 8;
    private const double RightMargin = 16;
    private static readonly double[] Steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

    /// <param name="now">The end of anything still open, for a run that is still going.</param>
    public static TimelineLayout Compute(RunSnapshot run, DateTimeOffset now, double plotWidth = 1000)
    {
        ArgumentNullException.ThrowIfNull(run);
        var spans = run.Tasks.SelectMany(t => t.Phases).ToList();
        var end = spans.Select(s => Offset(run, s.EndedAt ?? now)).Append(Offset(run, run.EndedAt ?? now)).Max();
        var seconds = Math.Max(end, 0.001);
        double X(double at) => LabelWidth + (Math.Clamp(at, 0, seconds) / seconds * plotWidth);

        var setup = MetricsCalculator.SetupSeconds(run, now);
        var critical = RunReportBuilder.CriticalTask(run, now, setup);
        var lane = run.Planning is { } planning
            ? new PlanningLane(
                Top,
                X(Offset(run, planning.StartedAt)),
                Math.Max(1, X(Offset(run, planning.EndedAt ?? now)) - X(Offset(run, planning.StartedAt))),
                Offset(run, planning.StartedAt),
                Offset(run, planning.EndedAt ?? now),
                [.. run.Tasks.Where(t => t.AppearedAt is not null).Select(t => new TimelineMark(t.Id, X(Offset(run, t.AppearedAt!.Value)), Offset(run, t.AppearedAt!.Value)))])
            : null;
        var first = Top + (lane is null ? 0 : RowHeight);
        var rows = run.Tasks.Select((task, i) => Row(run, task, first + (i * RowHeight), now, X, task.Id == critical)).ToList();
        var step = Steps.FirstOrDefault(s => seconds / s <= 10, Math.Ceiling(seconds / 10 / 3600) * 3600);
        var ticks = Enumerable.Range(0, (int)Math.Floor(seconds / step) + 1)
            .Select(i => i * step)
            .Select(t => new TimelineTick(X(t), t, Label(t, step)))
            .ToList();
        return new TimelineLayout(
            LabelWidth + plotWidth + RightMargin,
            first + (rows.Count * RowHeight) + Top,
            LabelWidth,
            plotWidth,
            seconds,
            setup,
            X(setup),
            critical,
            ticks,
            rows)
        {
            Planning = lane,
        };
    }

    private static TimelineRow Row(RunSnapshot run, TaskSnapshot task, double y, DateTimeOffset now, Func<double, double> x, bool critical)
    {
        // Greedy lanes: a span goes in the first lane that is free when it starts.
        var laneEnds = new List<double>();
        var placed = new List<(PhaseSpan Span, double Start, double End, int Lane)>();
        foreach (var span in task.Phases.OrderBy(s => s.StartedAt))
        {
            var (start, end) = (Offset(run, span.StartedAt), Offset(run, span.EndedAt ?? now));
            var lane = laneEnds.FindIndex(laneEnd => laneEnd <= start + 1e-9);
            if (lane < 0)
            {
                laneEnds.Add(end);
                lane = laneEnds.Count - 1;
            }
            else
            {
                laneEnds[lane] = end;
            }

            placed.Add((span, start, end, lane));
        }

        var lanes = Math.Max(1, laneEnds.Count);
        var barTop = y + ((RowHeight - BarArea) / 2);
        var bars = placed.Select(p => new TimelineBar(
            p.Span.Phase,
            x(p.Start),
            barTop + (p.Lane * BarArea / lanes),
            Math.Max(1, x(p.End) - x(p.Start)),
            (BarArea / lanes) - (lanes > 1 ? 1 : 0),
            p.Start,
            p.End,
            p.Span.Outcome)).ToList();
        return new TimelineRow(task.Id, task.Title, task.State, y, critical, task.Failure?.Message ?? task.Reason, bars);
    }

    private static double Offset(RunSnapshot run, DateTimeOffset at) => Math.Max(0, (at - run.StartedAt).TotalSeconds);

    private static string Label(double seconds, double step) => step switch
    {
        < 1 => $"{seconds:0.0#} s",
        < 60 => $"{seconds:0} s",
        < 3600 => $"{seconds / 60:0.#} min",
        _ => $"{seconds / 3600:0.#} h",
    };
}

public sealed record TimelineTick(double X, double Seconds, string Label);

/// <summary>The planning lane: where the planner's span is drawn, and a mark per task where it appeared.</summary>
public sealed record PlanningLane(double Y, double X, double Width, double StartSeconds, double EndSeconds, IReadOnlyList<TimelineMark> Appeared);

public sealed record TimelineMark(string TaskId, double X, double Seconds);

/// <param name="Note">Why the task failed or was blocked, for its tooltip.</param>
public sealed record TimelineRow(string TaskId, string Title, TaskState State, double Y, bool Critical, string? Note, IReadOnlyList<TimelineBar> Bars);

public sealed record TimelineBar(Phase Phase, double X, double Y, double Width, double Height, double StartSeconds, double EndSeconds, PhaseOutcome? Outcome);
