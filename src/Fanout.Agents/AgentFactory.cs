using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Agents;

public sealed class AgentFactory(IProcessRunner runner)
{
    /// <summary>The agent of a task's settings: its plan's own command, or a built-in preset with the plan's options.</summary>
    public IAgent Create(TaskSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var definition = settings.Agent;
        if (definition.Command is { } command)
        {
            return new CommandAgent(definition.Name, command, runner);
        }

        return new PresetAgent(definition.Name, AgentPresets.Get(definition.Preset ?? definition.Name), definition.Options, runner);
    }
}
