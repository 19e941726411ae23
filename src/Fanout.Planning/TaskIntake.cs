using Fanout.Core;
using Fanout.Plans;

namespace Fanout.Planning;

/// <summary>
/// Takes a streaming planner's tasks one at a time and decides, for each, the moment it comes: a
/// task the plan loader accepts beside those already taken is started (its plan so far is handed
/// on); one whose dependencies have not come yet waits for them; one the loader refuses is kept
/// with its errors for the planner. A task once taken is final for the run: the same id again is
/// ignored when identical and recorded as a revision otherwise (docs/planning.md).
/// </summary>
public sealed class TaskIntake(PlanningDefaults defaults, string planPath, string name, string goal, TimeProvider time, PlanLoadOptions? options = null)
{
    private readonly Lock _gate = new();
    private readonly List<PlannedTask> _accepted = [];
    private readonly List<PlannedTask> _waiting = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlannedTask> _refusedTasks = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _revised = new(StringComparer.Ordinal);

    public IReadOnlyList<PlannedTask> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    /// <summary>Refused tasks and the loader's errors about them, by id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Refused
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, IReadOnlyList<string>>(_refused);
            }
        }
    }

    /// <summary>Ids the planner gave again with other content after they had started.</summary>
    public IReadOnlyCollection<string> Revised
    {
        get
        {
            lock (_gate)
            {
                return [.. _revised];
            }
        }
    }

    /// <summary>The plan of every task taken so far, as a commented <c>fanout.yaml</c>.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return Render(_accepted);
            }
        }
    }

    /// <summary>Offers one task; returns what may start now: it, and any waiting task it let through, each with its plan so far.</summary>
    public IReadOnlyList<(Plan Plan, PlanTask Task)> Offer(PlannedTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            if (_accepted.FirstOrDefault(t => t.Id == task.Id) is { } taken)
            {
                if (!taken.SameAs(task))
                {
                    _revised.Add(task.Id);
                }

                return [];
            }

            _refused.Remove(task.Id);
            _refusedTasks.Remove(task.Id);
            _waiting.RemoveAll(t => t.Id == task.Id);
            _waiting.Add(task);
            return Release(final: false);
        }
    }

    /// <summary>The planner is done: a task still waiting for a dependency that never came is refused with the loader's error.</summary>
    public IReadOnlyList<(Plan Plan, PlanTask Task)> Finish()
    {
        lock (_gate)
        {
            var started = Release(final: false);
            started.AddRange(Release(final: true));
            return started;
        }
    }

    private List<(Plan Plan, PlanTask Task)> Release(bool final)
    {
        var started = new List<(Plan, PlanTask)>();
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var task in _waiting.ToArray())
            {
                if (!final && !task.DependsOn.All(d => _accepted.Any(t => t.Id == d)))
                {
                    continue;
                }

                _waiting.Remove(task);
                progress = true;
                try
                {
                    var plan = PlanLoader.LoadText(Render([.. _accepted, task]), planPath, options);
                    _accepted.Add(task);
                    started.Add((plan, plan.Task(task.Id)));
                }
                catch (UserInputException refused)
                {
                    _refused[task.Id] = [.. refused.Problems.Select(p => p.ToString())];
                    _refusedTasks[task.Id] = task;
                }
            }
        }

        return started;
    }

    /// <summary>What to tell the planner about the refused tasks: the plan they make with the running ones, and the loader's errors in it.</summary>
    public PlanningFeedback? Feedback()
    {
        lock (_gate)
        {
            if (_refusedTasks.Count == 0)
            {
                return null;
            }

            var text = Render([.. _accepted, .. _refusedTasks.Values]);
            IReadOnlyList<string> errors;
            try
            {
                PlanLoader.LoadText(text, planPath, options);
                errors = [.. _refused.Values.SelectMany(e => e)];
            }
            catch (UserInputException refused)
            {
                errors = [.. refused.Problems.Select(p => p.ToString())];
            }

            return new PlanningFeedback(text, errors) { Accepted = [.. _accepted.Select(t => t.Id)] };
        }
    }

    private string Render(IReadOnlyList<PlannedTask> tasks) => PlanYaml.Render(name, goal, defaults.Text, tasks, time.GetUtcNow());
}
