namespace Fanout.Plans;

/// <summary>
/// A task's effective settings, resolved once when its plan loads: the task's own value, else its
/// agent's, else the plan's. Nothing reads the plan again for them.
/// </summary>
public sealed record TaskSettings(AgentDefinition Agent)
{
    /// <summary>The label every Fanout issue carries, before the task's own.</summary>
    public const string FanoutLabel = "fanout";

    /// <summary>The task's timeout, else its agent's; null means none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many times a failed agent run is repeated in the same worktree: the task's, else its agent's, else none.</summary>
    public int Retries { get; init; }

    public CommandSpec? Setup { get; init; }

    public CommandSpec? Test { get; init; }

    /// <summary>The labels: Fanout's own, then the task's.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [FanoutLabel];

    /// <summary>Variables the plan sets for the agent (its <c>env:</c>), merged under the FANOUT_* ones.</summary>
    public IReadOnlyDictionary<string, string> Environment => Agent.Environment;

    /// <summary>Whether the tracker's token reaches the agent; off unless the plan says so.</summary>
    public bool PassTrackerToken => Agent.PassTrackerToken;

    /// <summary>Variables the plan passes to the agent on purpose (<c>passEnv:</c>).</summary>
    public IReadOnlyList<string> PassEnvironment => Agent.PassEnvironment;

    public static TaskSettings Resolve(Plan plan, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(task);
        var name = plan.AgentOf(task);

        // A preset the plan only names gets an empty definition.
        var agent = plan.Agents.GetValueOrDefault(name) ?? new AgentDefinition(name) { Preset = name };
        return new TaskSettings(agent)
        {
            Timeout = task.Timeout ?? agent.Timeout,
            Retries = task.Retries ?? agent.Retries ?? 0,
            Setup = task.Setup ?? plan.Setup,
            Test = task.Test ?? plan.Test,
            Labels = [FanoutLabel, .. task.Labels],
        };
    }
}
