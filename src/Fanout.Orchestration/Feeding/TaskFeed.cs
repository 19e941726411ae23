using System.Threading.Channels;

using Fanout.Journal;
using Fanout.Plans;

namespace Fanout.Orchestration.Feeding;

/// <summary>One task handed to a running run: the task, the validated plan so far (it holds the task's settings), and when it appeared.</summary>
public sealed record FedTask(Plan Plan, PlanTask Task, DateTimeOffset At);

/// <summary>How planning ended, for the journal: the outcome, and what was refused, revised or withdrawn.</summary>
public sealed record FeedResult(PhaseOutcome Outcome, string? Detail = null);

/// <summary>
/// Tasks that arrive while a run is already going (predictive spawning): a planner adds each one the
/// moment it is valid, and completes the feed when it is done. <see cref="FeedOrchestrator"/> reads it.
/// </summary>
public sealed class TaskFeed(string goal, string planner)
{
    private readonly Channel<FedTask> _tasks = Channel.CreateUnbounded<FedTask>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<FeedResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Goal { get; } = goal;

    /// <summary>The planning agent's name, for the journal.</summary>
    public string Planner { get; } = planner;

    internal ChannelReader<FedTask> Tasks => _tasks.Reader;

    internal Task<FeedResult> Result => _result.Task;

    public void Add(Plan plan, PlanTask task, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(task);
        _tasks.Writer.TryWrite(new FedTask(plan, task, at));
    }

    /// <summary>No more tasks come; tasks already added still run.</summary>
    public void Complete(FeedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _result.TrySetResult(result);
        _tasks.Writer.TryComplete();
    }
}
