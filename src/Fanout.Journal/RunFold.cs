namespace Fanout.Journal;

/// <summary>
/// What a run looks like, computed from its events alone, so every view agrees: the journal's
/// snapshots, status, metrics, the report, the live dashboard and the plain lines all read this.
/// Events are applied one at a time as they come, at constant cost each; <see cref="Snapshot"/>
/// is rebuilt only after a change, and then only the tasks that changed are. Not thread-safe:
/// a caller that applies and reads on different threads serialises them.
/// </summary>
public sealed class RunFold
{
    private readonly List<TaskFold> _tasks = [];
    private readonly Dictionary<string, TaskFold> _tasksById = new(StringComparer.Ordinal);
    private RunStarted? _started;
    private RunState _state = RunState.Running;
    private DateTimeOffset? _endedAt;
    private int? _exitCode;
    private long? _peakMemoryBytes;
    private int _trackerRequests;
    private int? _rateLimitRemaining;
    private PhaseSpan? _integration;
    private IReadOnlyList<string> _landedInto = [];
    private int _attempts;
    private string? _attemptReason;
    private DateTimeOffset _lastAt;
    private PlanningSnapshot? _planning;
    private RunSnapshot? _snapshot;

    /// <summary>
    /// The run as its events so far describe it; null until it started (no <see cref="RunStarted"/>).
    /// Tasks are in the order their first event came. A snapshot once read never changes.
    /// </summary>
    public RunSnapshot? Snapshot => _started is null ? null : (_snapshot ??= Build(_started));

    /// <summary>
    /// Folds one run's events, in journal order, into a snapshot; null when the run never started
    /// (no <see cref="RunStarted"/>). Events naming a task that was never registered still create it.
    /// </summary>
    public static RunSnapshot? Fold(IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var fold = new RunFold();
        foreach (var runEvent in events)
        {
            fold.Apply(runEvent);
        }

        return fold.Snapshot;
    }

    /// <summary>The next event of the run, in journal order.</summary>
    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        switch (runEvent)
        {
            case RunStarted started:
                // A later start is a resume: the run is live again but began at its first start.
                _started ??= started;
                (_state, _endedAt, _exitCode, _peakMemoryBytes) = (RunState.Running, null, null, null);
                (_attempts, _attemptReason) = (Math.Max(_attempts + 1, started.Attempt), started.Reason);
                break;
            case RunFinished finished:
                (_state, _endedAt, _exitCode, _peakMemoryBytes) = (finished.State, finished.At, finished.ExitCode, finished.PeakMemoryBytes);
                break;
            case PlanningStarted planning:
                _planning = new PlanningSnapshot(planning.Goal, planning.Planner, planning.At) { Tasks = _planning?.Tasks ?? 0 };
                break;
            case PlanningEnded ended:
                _planning = (_planning ?? new PlanningSnapshot(string.Empty, string.Empty, ended.At)) with { EndedAt = ended.At, Outcome = ended.Outcome, Tasks = ended.Tasks, Detail = ended.Detail };
                break;
            case TaskAppeared appeared:
                _planning = _planning is null ? null : _planning with { Tasks = Math.Max(_planning.Tasks, appeared.Order) };
                TaskOf(appeared.TaskId).Apply(appeared);
                break;
            case TrackerRequested requested:
                // The run's count; what the task shows does not change.
                _trackerRequests++;
                _rateLimitRemaining = requested.RateLimitRemaining ?? _rateLimitRemaining;
                break;
            case MergeLanded landed:
                _landedInto = _landedInto.Contains(landed.Into, StringComparer.Ordinal) ? _landedInto : [.. _landedInto, landed.Into];
                break;
            case IntegrationPreparing preparing:
                _integration = new PhaseSpan(Phase.Merge, preparing.At, null, null, preparing.Detail);
                break;
            case IntegrationPrepared prepared:
                _integration = _integration is { } open ? open with { EndedAt = prepared.At, Outcome = prepared.Outcome, Detail = prepared.Detail ?? open.Detail } : null;
                break;
            case TaskEvent taskEvent:
                TaskOf(taskEvent.TaskId).Apply(taskEvent);
                break;
            default:
                return;
        }

        _lastAt = runEvent.At > _lastAt ? runEvent.At : _lastAt;
        _snapshot = null;
    }

    /// <summary>
    /// The earliest span of <paramref name="phase"/> that the task started and has not ended: the one
    /// its next <see cref="PhaseEnded"/> of that phase closes; null when none is open.
    /// </summary>
    public PhaseSpan? OpenSpan(string taskId, Phase phase)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return _tasksById.TryGetValue(taskId, out var task) ? task.OpenSpan(phase) : null;
    }

    private TaskFold TaskOf(string id)
    {
        if (!_tasksById.TryGetValue(id, out var task))
        {
            task = new TaskFold(id);
            _tasksById.Add(id, task);
            _tasks.Add(task);
        }

        return task;
    }

    private RunSnapshot Build(RunStarted started) =>
        new(started.RunId, started.Run, _state, started.At, _endedAt, _exitCode)
        {
            Tasks = [.. _tasks.Select(task => task.Snapshot)],
            TrackerRequests = _trackerRequests,
            RateLimitRemaining = _rateLimitRemaining,
            IntegrationPreparation = _integration,
            LandedInto = _landedInto,
            PeakMemoryBytes = _peakMemoryBytes,
            Attempts = Math.Max(1, _attempts),
            AttemptReason = _attemptReason,
            LastHeardAt = _lastAt,
            Planning = _planning,
        };
}
