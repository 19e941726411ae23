using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Agents;

public sealed class AgentFactory(IProcessRunner runner)
{
    /// <summary>The agent a plan names for a task: its own command, or a built-in preset with the plan's options.</summary>
    public IAgent Create(Plan plan, PlanTask task)
    {
        var definition = DefinitionOf(plan, task);
        if (definition.Command is { } command)
        {
            return new CommandAgent(definition.Name, command, runner);
        }

        return new PresetAgent(definition.Name, AgentPresets.Get(definition.Preset ?? definition.Name), definition.Options, runner);
    }

    /// <summary>The task's own timeout, else its agent's.</summary>
    public static TimeSpan? TimeoutOf(Plan plan, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Timeout ?? DefinitionOf(plan, task).Timeout;
    }

    /// <summary>How many times a failed agent run is repeated: the task's setting, else its agent's, else none.</summary>
    public static int RetriesOf(Plan plan, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Retries ?? DefinitionOf(plan, task).Retries ?? 0;
    }

    public static bool PassesTrackerToken(Plan plan, PlanTask task) => DefinitionOf(plan, task).PassTrackerToken;

    /// <summary>Variables a plan sets for its agent, merged under the FANOUT_* ones.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(Plan plan, PlanTask task) => DefinitionOf(plan, task).Environment;

    /// <summary>The plan's definition of the task's agent; a preset the plan only names gets an empty one.</summary>
    public static AgentDefinition DefinitionOf(Plan plan, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var name = plan.AgentOf(task);
        return plan.Agents.GetValueOrDefault(name) ?? new AgentDefinition(name) { Preset = name };
    }
}
