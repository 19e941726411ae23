using Fanout.Journal;

namespace Fanout.Orchestration.Pipeline;

/// <summary>What earlier attempts left of a task, read from the journal: a resume or a retry picks up from it.</summary>
public sealed record TaskHistory(TaskSnapshot Snapshot, int Attempt)
{
    /// <summary>The branch it had, or was about to get when the attempt died.</summary>
    public string? Branch => Snapshot.Branch ?? Snapshot.IntendedBranch;

    public string? Worktree => Snapshot.Worktree ?? Snapshot.IntendedWorktree;

    /// <summary>Its agent's last run ended well: the work is verified, not done again.</summary>
    public bool AgentFinished => Last(Phase.Agent) is { Outcome: PhaseOutcome.Succeeded };

    /// <summary>Its environment was prepared (includes, cache, ports, setup) in an earlier attempt.</summary>
    public bool EnvironmentReady => Last(Phase.Environment) is { Outcome: PhaseOutcome.Succeeded };

    /// <summary>Its dependencies were merged in, and where the agent's own work starts is known.</summary>
    public bool Integrated => Last(Phase.Integrate) is { Outcome: PhaseOutcome.Succeeded } && Snapshot.StartHead is not null;

    /// <summary>It was delivered (its issue closed, or its pull request opened) in an earlier attempt.</summary>
    public bool Delivered => Last(Phase.Deliver) is { Outcome: PhaseOutcome.Succeeded };

    private PhaseSpan? Last(Phase phase) => Snapshot.Phases.LastOrDefault(span => span.Phase == phase);
}
