namespace Fanout.Planning;

/// <summary>What a planner is asked: the goal, the repository it plans for, and what else it should read first.</summary>
public sealed record PlanningRequest(string Goal, string Repository)
{
    /// <summary>Files whose text goes into the planner's prompt (<c>--context FILE</c>): notes, a spec, an issue.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>How many times an invalid plan goes back to the planner with its errors before Fanout gives up.</summary>
    public int Attempts { get; init; } = 3;
}

/// <summary>A second try: what the planner answered last time and what the loader said about it.</summary>
public sealed record PlanningFeedback(string PreviousPlan, IReadOnlyList<string> Errors)
{
    /// <summary>Tasks already running (predictive spawning): the planner must not give them again under other ids.</summary>
    public IReadOnlyList<string> Accepted { get; init; } = [];
}
