using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Agents;

public sealed class AgentFactory(IProcessRunner runner)
{
    /// <summary>The agent a plan names for a task: its own definition, or a built-in preset.</summary>
    public IAgent Create(Plan plan, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var name = plan.AgentOf(task);
        var definition = plan.Agents.GetValueOrDefault(name) ?? new AgentDefinition(name) { Preset = name };
        var command = definition.Command ?? AgentPresets.Command(definition.Preset ?? name);
        return new CommandAgent(name, command, runner);
    }

    public static TimeSpan? TimeoutOf(Plan plan, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Agents.GetValueOrDefault(plan.AgentOf(task))?.Timeout;
    }

    /// <summary>Variables a plan sets for its agent, merged under the FANOUT_* ones.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(Plan plan, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Agents.GetValueOrDefault(plan.AgentOf(task))?.Environment ?? new Dictionary<string, string>();
    }
}
