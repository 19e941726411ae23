namespace Fanout.Journal;

/// <summary>
/// The run's figures from its snapshot alone. Setup is the time from the run's start until the
/// last task's agent could start; parallel efficiency says how much of that setup overlapped.
/// </summary>
public static class MetricsCalculator
{
    /// <param name="now">The end of anything still open (a live run, a running phase).</param>
    public static RunMetrics Compute(RunSnapshot run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var setup = SetupSeconds(run, now);
        var tasksWithSetup = run.Tasks.Where(task => task.Phases.Any(span => span.Phase.IsSetup())).ToList();
        var capacity = tasksWithSetup.Count * setup;
        var efficiency = capacity > 0 ? tasksWithSetup.Sum(task => TaskSetupSeconds(task, now)) / capacity : 0;
        // By how each task ended, before merge or clean; a cancelled task is not an error.
        var errorRate = run.Tasks.Count == 0 ? 0 : (double)run.Tasks.Count(task => (task.Outcome ?? task.State) == TaskState.Failed) / run.Tasks.Count;
        var peakMemory = run.EndedAt is not null && run.PeakMemoryBytes is { } bytes ? bytes / BytesPerMB : (double?)null;
        return new RunMetrics(setup, Seconds(run.StartedAt, run.EndedAt ?? now), efficiency, errorRate, run.TrackerRequests, peakMemory);
    }

    /// <summary>
    /// The run's setup: from its start until the last task was ready for its agent (<see cref="ReadyAt"/>);
    /// 0 when none got that far. While the run is live and a task that has not finished is not yet
    /// ready (still setting up, or not started for want of a slot), setup is not over: <c>Done</c>
    /// is false and the figure is the time so far. Status, the report and the dashboard all use this.
    /// </summary>
    public static (double Seconds, bool Done) Setup(RunSnapshot run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settingUp = run.EndedAt is null && run.Tasks.Any(task => task.AgentReadyAt is null && !task.State.IsFinal());
        return settingUp
            ? (Seconds(run.StartedAt, now), false)
            : (run.Tasks.Select(task => ReadyAtSeconds(run, task, now) ?? 0).DefaultIfEmpty(0).Max(), true);
    }

    /// <summary>The seconds of <see cref="Setup"/>.</summary>
    public static double SetupSeconds(RunSnapshot run, DateTimeOffset now) => Setup(run, now).Seconds;

    /// <summary><see cref="ReadyAt"/> as seconds since the run started.</summary>
    public static double? ReadyAtSeconds(RunSnapshot run, TaskSnapshot task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ReadyAt(task, now) is { } ready ? Seconds(run.StartedAt, ready) : null;
    }

    /// <summary>
    /// When the task's agent could start: <see cref="TaskSnapshot.AgentReadyAt"/> (its first wait for
    /// dependencies, else its first agent phase); for a task that never got there, the end of its
    /// last setup phase; null when it had none.
    /// </summary>
    public static DateTimeOffset? ReadyAt(TaskSnapshot task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.AgentReadyAt is { } ready)
        {
            return ready;
        }

        var setup = task.Phases.Where(span => span.Phase.IsSetup()).ToList();
        return setup.Count == 0 ? null : setup.Max(span => span.EndedAt ?? now);
    }

    /// <summary>
    /// Time the task spent in setup phases, overlaps counted once, and only until it was ready:
    /// an issue still being created after the agent started did not hold the agent back.
    /// </summary>
    public static double TaskSetupSeconds(TaskSnapshot task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        var ready = ReadyAt(task, now);
        var intervals = task.Phases
            .Where(span => span.Phase.IsSetup())
            .Select(span => (Start: span.StartedAt, End: Min(span.EndedAt ?? now, ready ?? DateTimeOffset.MaxValue)))
            .Where(interval => interval.End > interval.Start)
            .OrderBy(interval => interval.Start);
        var total = 0.0;
        DateTimeOffset? coveredUntil = null;
        foreach (var (start, end) in intervals)
        {
            var from = coveredUntil is { } covered && covered > start ? covered : start;
            if (end > from)
            {
                total += (end - from).TotalSeconds;
                coveredUntil = end;
            }
        }

        return total;
    }

    /// <summary>Seconds spent in each phase the task entered, repeats summed; open phases run until <paramref name="now"/>.</summary>
    public static IReadOnlyDictionary<Phase, double> PhaseSeconds(TaskSnapshot task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Phases
            .GroupBy(span => span.Phase)
            .ToDictionary(group => group.Key, group => group.Sum(span => Seconds(span.StartedAt, span.EndedAt ?? now)));
    }

    /// <summary>Seconds the task's agent spent waiting for answers to its questions; an open question counts until <paramref name="now"/>.</summary>
    public static double QuestionSeconds(TaskSnapshot task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Questions.Sum(question => Seconds(question.AskedAt, question.AnsweredAt ?? now));
    }

    private const double BytesPerMB = 1024 * 1024;

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
