namespace Fanout.Journal;

/// <summary>Computes what a run looks like from its events alone, so every view agrees.</summary>
public static class RunFold
{
    /// <summary>
    /// Folds one run's events, in journal order, into a snapshot; null when the run never started
    /// (no <see cref="RunStarted"/>). Events naming a task that was never registered still create it.
    /// </summary>
    public static RunSnapshot? Fold(IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        RunStarted? started = null;
        var state = RunState.Running;
        DateTimeOffset? endedAt = null;
        int? exitCode = null;
        long? peakMemoryBytes = null;
        var trackerRequests = 0;
        int? rateLimitRemaining = null;
        var tasks = new List<TaskFold>();
        var tasksById = new Dictionary<string, TaskFold>(StringComparer.Ordinal);

        TaskFold TaskOf(string id)
        {
            if (!tasksById.TryGetValue(id, out var task))
            {
                task = new TaskFold(id);
                tasksById.Add(id, task);
                tasks.Add(task);
            }

            return task;
        }

        foreach (var runEvent in events)
        {
            switch (runEvent)
            {
                case RunStarted runStarted:
                    // A later start is a resume: the run is live again but began at its first start.
                    started ??= runStarted;
                    (state, endedAt, exitCode, peakMemoryBytes) = (RunState.Running, null, null, null);
                    break;
                case RunFinished finished:
                    (state, endedAt, exitCode, peakMemoryBytes) = (finished.State, finished.At, finished.ExitCode, finished.PeakMemoryBytes);
                    break;
                case TrackerRequested requested:
                    trackerRequests++;
                    rateLimitRemaining = requested.RateLimitRemaining ?? rateLimitRemaining;
                    break;
                case TaskRegistered registered:
                    TaskOf(registered.TaskId).Apply(registered);
                    break;
                case PhaseStarted e:
                    TaskOf(e.TaskId).Apply(e);
                    break;
                case PhaseEnded e:
                    TaskOf(e.TaskId).Apply(e);
                    break;
                case TaskStateChanged e:
                    TaskOf(e.TaskId).Apply(e);
                    break;
                case TaskLinked e:
                    TaskOf(e.TaskId).Apply(e);
                    break;
                case TaskFailed e:
                    TaskOf(e.TaskId).Apply(e);
                    break;
                case AgentActivity e:
                    TaskOf(e.TaskId).Apply(e);
                    break;
                default:
                    break;
            }
        }

        if (started is null)
        {
            return null;
        }

        return new RunSnapshot(started.RunId, started.Run, state, started.At, endedAt, exitCode)
        {
            Tasks = [.. tasks.Select(task => task.ToSnapshot())],
            TrackerRequests = trackerRequests,
            RateLimitRemaining = rateLimitRemaining,
            PeakMemoryBytes = peakMemoryBytes,
        };
    }
}
