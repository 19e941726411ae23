using Fanout.Core;

using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads the <c>agents:</c> section of a <c>fanout.yaml</c>.</summary>
internal static class FanoutAgentReader
{
    private static readonly string[] Keys = ["command", "preset", "timeout", "retries", "env", "options", "passTrackerToken", "passEnv"];

    public static IReadOnlyDictionary<string, AgentDefinition> ReadAll(YamlNode? node, NodeReader reader, PlanLoadOptions options)
    {
        var agents = new Dictionary<string, AgentDefinition>(StringComparer.Ordinal);
        if (NodeReader.IsNull(node))
        {
            return agents;
        }

        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node!, "'agents' must be a mapping of agent names to their settings");
            return agents;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (Read(name, keyNode, value, reader, options) is { } agent)
            {
                agents[name] = agent;
            }
        }

        return agents;
    }

    private static AgentDefinition? Read(string name, YamlNode keyNode, YamlNode node, NodeReader reader, PlanLoadOptions options)
    {
        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node, $"agent '{name}' must be a mapping with 'command' or 'preset'");
            return null;
        }

        var fields = reader.Fields(mapping, Keys, $"in agent '{name}'");
        var command = reader.Command(fields["command"], $"'command' of agent '{name}'");
        var preset = Preset(name, fields, reader, options);
        if (command is not null && preset is not null)
        {
            reader.Error(fields.KeyNode("preset")!, $"agent '{name}' has both 'command' and 'preset'; keep one");
        }

        // An entry named after a preset that only tunes it (options, env, timeout) means that preset.
        if (command is null && preset is null && !fields.Has("command") && !fields.Has("preset"))
        {
            if (options.KnownPresets.Contains(name))
            {
                preset = name;
            }
            else
            {
                reader.Error(keyNode, $"agent '{name}' needs 'command' (what to run) or 'preset' ({Presets(options)})");
            }
        }

        return new AgentDefinition(name)
        {
            Command = command,
            Preset = preset,
            Timeout = FanoutValues.Timeout(fields["timeout"], reader, $"agent '{name}'"),
            Retries = FanoutValues.Retries(fields["retries"], reader, $"agent '{name}'"),
            PassTrackerToken = FanoutValues.Switch(fields["passTrackerToken"], reader, $"'passTrackerToken' of agent '{name}'"),
            PassEnvironment = PassEnvironment(name, fields["passEnv"], reader),
            Environment = reader.Map(fields["env"], $"'env' of agent '{name}'"),
            Options = PresetOptionsReader.Read(name, command is null ? preset : null, fields, reader),
            Position = reader.Source.At(keyNode),
        };
    }

    /// <summary>Secret variables the plan hands this agent on purpose (<c>passEnv: [OPENAI_API_KEY]</c>).</summary>
    private static string[] PassEnvironment(string name, YamlNode? node, NodeReader reader)
    {
        var names = reader.Strings(node, $"'passEnv' of agent '{name}'");
        foreach (var (variable, position) in names.Where(n => !SecretVariables.IsVariableName(n.Value)))
        {
            reader.Errors.Add(position, $"'{InputText.Shown(variable)}' in 'passEnv' of agent '{name}' is not a variable name; use letters, digits and '_', such as OPENAI_API_KEY");
        }

        return names.Select(n => n.Value).Where(SecretVariables.IsVariableName).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static string? Preset(string name, Fields fields, NodeReader reader, PlanLoadOptions options)
    {
        var preset = reader.String(fields["preset"], $"'preset' of agent '{name}'");
        if (preset is null || options.KnownPresets.Contains(preset))
        {
            return preset;
        }

        var hint = Suggestions.Hint(preset, options.KnownPresets);
        reader.Error(fields["preset"]!, $"unknown preset '{preset}' in agent '{name}'{(hint.Length > 0 ? hint : "; use one of: " + Presets(options))}");
        return null;
    }

    public static string Presets(PlanLoadOptions options) => string.Join(", ", options.KnownPresets.Order(StringComparer.Ordinal));
}
