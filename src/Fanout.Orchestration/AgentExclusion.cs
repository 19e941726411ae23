using Fanout.Plans;

namespace Fanout.Orchestration;

/// <summary>
/// Keeps the agents of conflicting tasks (<c>conflictsWith</c>, ccpm's <c>conflicts_with</c>) from
/// running at the same time, and runs a <c>parallel: false</c> task's agent alone. Each task owns
/// one semaphore; a task holds its own and those of every task it must not overlap (all of them
/// when it is not parallel). Semaphores are always taken in one global order, so two tasks never
/// wait on each other in a cycle.
/// </summary>
public sealed class AgentExclusion : IDisposable
{
    private readonly Dictionary<string, SemaphoreSlim> _locks;
    private readonly Dictionary<string, string[]> _keys;

    private AgentExclusion(Dictionary<string, SemaphoreSlim> locks, Dictionary<string, string[]> keys)
    {
        _locks = locks;
        _keys = keys;
    }

    /// <summary>The exclusion a plan needs, or null when every task may run beside every other.</summary>
    public static AgentExclusion? For(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Tasks.All(t => t.Parallel && t.ConflictsWith.Count == 0))
        {
            return null;
        }

        var keys = plan.Tasks.ToDictionary(t => t.Id, t => new SortedSet<string>(StringComparer.Ordinal) { t.Id }, StringComparer.Ordinal);
        foreach (var task in plan.Tasks)
        {
            foreach (var other in task.ConflictsWith.Where(keys.ContainsKey))
            {
                keys[task.Id].Add(other);
                keys[other].Add(task.Id);
            }

            if (!task.Parallel)
            {
                keys[task.Id].UnionWith(keys.Keys);
            }
        }

        return new AgentExclusion(
            keys.Keys.ToDictionary(id => id, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal),
            keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>Waits until the task's agent may run; disposing the result lets the others go. A null exclusion holds nothing.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(AgentExclusion? exclusion, string taskId, CancellationToken cancellationToken) =>
        exclusion is null ? Held.None : await exclusion.AcquireAsync(taskId, cancellationToken);

    public async Task<IAsyncDisposable> AcquireAsync(string taskId, CancellationToken cancellationToken)
    {
        var taken = new List<SemaphoreSlim>();
        try
        {
            foreach (var key in _keys.TryGetValue(taskId, out var keys) ? keys : [])
            {
                await _locks[key].WaitAsync(cancellationToken);
                taken.Add(_locks[key]);
            }
        }
        catch (OperationCanceledException)
        {
            new Held(taken).Release();
            throw;
        }

        return new Held(taken);
    }

    public void Dispose()
    {
        foreach (var semaphore in _locks.Values)
        {
            semaphore.Dispose();
        }
    }

    private sealed class Held(List<SemaphoreSlim> taken) : IAsyncDisposable
    {
        public static Held None { get; } = new([]);

        public void Release()
        {
            if (taken.Count == 0)
            {
                return;
            }

            for (var i = taken.Count - 1; i >= 0; i--)
            {
                taken[i].Release();
            }

            taken.Clear();
        }

        public ValueTask DisposeAsync()
        {
            Release();
            return ValueTask.CompletedTask;
        }
    }
}
