using System.Globalization;

using Fanout.Journal;

namespace Fanout.Reporting.Dashboard;

/// <summary>
/// The dashboard's state, folded from events one at a time (a live run has too many events to
/// refold on every frame). Not thread-safe: the renderer serialises access.
/// </summary>
public sealed class DashboardModel
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, DashboardTask> _tasks = new(StringComparer.Ordinal);

    public string? RunId { get; private set; }

    public string? PlanName { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public RunState? FinalState { get; private set; }

    /// <summary>Rows in plan order.</summary>
    public IReadOnlyList<DashboardTask> Tasks => [.. _order.Select(id => _tasks[id])];

    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        switch (runEvent)
        {
            case RunStarted e:
                (RunId, PlanName, EndedAt, FinalState) = (e.RunId, e.Run.PlanName, null, null);
                StartedAt ??= e.At;
                break;
            case RunFinished e:
                (EndedAt, FinalState) = (e.At, e.State);
                break;
            case TaskRegistered e:
                Update(e.TaskId, task => task);
                break;
            case PhaseStarted e:
                Update(e.TaskId, task => task with
                {
                    Phase = e.Phase,
                    PhaseStartedAt = e.At,
                    PhaseEndedAt = null,
                    ReadyAt = task.ReadyAt ?? (e.Phase is Phase.Wait or Phase.Agent ? e.At : null),
                });
                break;
            case PhaseEnded e:
                Update(e.TaskId, task => task.Phase == e.Phase ? task with { PhaseEndedAt = e.At } : task);
                break;
            case TaskStateChanged e:
                Update(e.TaskId, task => task with { State = e.State, Reason = e.Reason ?? task.Reason });
                break;
            case TaskLinked e:
                Update(e.TaskId, task => task with { Issue = e.Issue ?? task.Issue, Branch = e.Branch ?? task.Branch });
                break;
            case TaskFailed e:
                Update(e.TaskId, task => task with { FailedPhase = e.Phase, Reason = OneLine(e.Message) });
                break;
            case AgentActivity e:
                Update(e.TaskId, task => Activity(task, e));
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// Seconds from the run's start until the last agent could start. While some task is still
    /// setting up, the setup is not over: the second value is false and the figure grows with <paramref name="now"/>.
    /// </summary>
    public (double Seconds, bool Done) Setup(DateTimeOffset now)
    {
        if (StartedAt is not { } start)
        {
            return (0, false);
        }

        var stillSettingUp = _tasks.Values.Any(t => t.ReadyAt is null && !t.IsFinal) && EndedAt is null;
        if (stillSettingUp)
        {
            return ((now - start).TotalSeconds, false);
        }

        var ready = _tasks.Values.Select(t => t.ReadyAt).OfType<DateTimeOffset>().DefaultIfEmpty(start).Max();
        return (Math.Max(0, (ready - start).TotalSeconds), true);
    }

    public double Elapsed(DateTimeOffset now) => StartedAt is { } start ? Math.Max(0, ((EndedAt ?? now) - start).TotalSeconds) : 0;

    private static DashboardTask Activity(DashboardTask task, AgentActivity e) => e.Kind switch
    {
        "tool" => task with { LastTool = OneLine(e.Text) },
        "turn" => task with { Turns = int.TryParse(e.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var turns) ? turns : task.Turns + 1 },
        "cost" => task with { Cost = OneLine(e.Text) },
        _ => task with { LastActivity = OneLine($"{e.Kind}: {e.Text}") },
    };

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length <= 200 ? line : line[..199] + "…";
    }

    private void Update(string id, Func<DashboardTask, DashboardTask> change)
    {
        if (!_tasks.TryGetValue(id, out var task))
        {
            task = new DashboardTask(id, TaskState.Pending);
            _order.Add(id);
        }

        _tasks[id] = change(task);
    }
}
