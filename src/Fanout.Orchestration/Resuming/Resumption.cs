using Fanout.Journal;

namespace Fanout.Orchestration.Resuming;

/// <summary>
/// How a resume or a retry takes a run up again: which attempt this is and why, the journaled
/// state of every task, which tasks run again (the others are kept as they are), and a retry's
/// follow-up instruction for the tasks it names.
/// </summary>
public sealed record Resumption(int Attempt, string Reason, IReadOnlyDictionary<string, TaskSnapshot> Journaled, IReadOnlySet<string> TakenUp)
{
    public const string Resume = "resume";
    public const string Retry = "retry";

    /// <summary>Tasks whose agent runs again even though it finished (the ones a retry names).</summary>
    public IReadOnlySet<string> AgentAgain { get; init; } = new HashSet<string>();

    /// <summary>The instruction a retry adds to the prompts of the tasks it names.</summary>
    public string? FollowUp { get; init; }

    /// <summary>Tasks the run started with that the attempt before never registered (it was stopped first): this attempt registers them.</summary>
    public IReadOnlySet<string> Unregistered { get; init; } = new HashSet<string>();

    /// <summary>When the attempt before stopped (was last heard from, for an interrupted one): its open phases end there.</summary>
    public DateTimeOffset? StoppedAt { get; init; }
}
