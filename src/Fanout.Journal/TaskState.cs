namespace Fanout.Journal;

/// <summary>The task lifecycle of DESIGN.md; names are written lower-case in JSON and the journal.</summary>
public enum TaskState
{
    Pending,
    Provisioning,
    Preparing,
    Running,
    Verifying,
    Delivering,
    Succeeded,
    Failed,
    Blocked,
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
}

/// <summary>The steps of a task worker, in pipeline order; <see cref="Wait"/> is time spent waiting for dependencies.</summary>
public enum Phase
{
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
        state is TaskState.Succeeded or TaskState.Failed or TaskState.Blocked
            or TaskState.Merged or TaskState.Conflicted or TaskState.Cleaned;
}
