namespace Fanout.Journal;

/// <summary>The task lifecycle of DESIGN.md; names are written lower-case in JSON and the journal.</summary>
public enum TaskState
{
    Pending,
    Provisioning,
    Preparing,

    /// <summary>Waiting for a free slot (<c>maxParallel</c>) before it may set up, or before its agent may start.</summary>
    Queued,
    Running,
    Verifying,
    Delivering,
    Succeeded,
    Failed,
    Blocked,

    /// <summary>The run was cancelled (Ctrl+C) before the task ended; not a failure, and <c>fanout resume</c> takes it up.</summary>
    Cancelled,
    Merged,
    Conflicted,
    Cleaned,
}

public enum RunState
{
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>The process that owned the run is gone (its lease stopped being renewed); <c>fanout resume</c> continues it.</summary>
    Interrupted,
}

/// <summary>The steps of a task worker, in pipeline order; <see cref="Wait"/> is time spent waiting for dependencies.</summary>
public enum Phase
{
    /// <summary>Waiting for a free slot (<c>maxParallel</c>): neither setup nor the task's own work.</summary>
    Queued,
    Issue,
    Workspace,
    Environment,
    Wait,
    Agent,
    Verify,
    Deliver,

    /// <summary>Merging the dependencies' branches into the task's own branch, before its agent starts.</summary>
    Integrate,

    /// <summary>The merge queue taking the task's branch into the run's integration branch.</summary>
    Merge,
}

public enum PhaseOutcome
{
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>The process that ran the phase died; a resume closes the span when it takes the task up again.</summary>
    Interrupted,
}

/// <summary>Who answered an agent's question: the user (<c>fanout answer</c>, the dashboard), the main agent (<c>fanout mcp</c>), or nobody in time.</summary>
public enum AnswerSource
{
    User,
    MainAgent,
    Timeout,
}

public static class LifecycleNames
{
    public static string Name(this TaskState state) => state.ToString().ToLowerInvariant();

    public static string Name(this RunState state) => state.ToString().ToLowerInvariant();

    public static string Name(this Phase phase) => phase.ToString().ToLowerInvariant();

    public static string Name(this PhaseOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static string Name(this AnswerSource source) => source switch
    {
        AnswerSource.MainAgent => "main agent",
        _ => source.ToString().ToLowerInvariant(),
    };

    public static bool IsSetup(this Phase phase) => phase is Phase.Issue or Phase.Workspace or Phase.Environment;

    public static bool IsFinal(this TaskState state) =>
        state is TaskState.Succeeded or TaskState.Failed or TaskState.Blocked or TaskState.Cancelled
            or TaskState.Merged or TaskState.Conflicted or TaskState.Cleaned;

    /// <summary>How a task's worker ended: the states a task ends in before any merge or clean.</summary>
    public static bool IsOutcome(this TaskState state) =>
        state is TaskState.Succeeded or TaskState.Failed or TaskState.Blocked or TaskState.Cancelled;
}
