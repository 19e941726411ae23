using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads an agent's <c>options:</c>, checking each key and value against its preset.</summary>
internal static class PresetOptionsReader
{
    public static IReadOnlyDictionary<string, string> Read(string name, string? preset, Fields fields, NodeReader reader)
    {
        var what = $"'options' of agent '{name}'";
        var options = reader.Map(fields["options"], what);
        if (options.Count == 0 || fields["options"] is not YamlMappingNode mapping)
        {
            return options;
        }

        if (preset is null)
        {
            reader.Error(fields.KeyNode("options")!, $"agent '{name}' runs its own command, so {what} would be ignored; put flags in 'command' instead");
            return options;
        }

        if (!BuiltInAgents.Options.TryGetValue(preset, out var known))
        {
            return options;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var option = known.FirstOrDefault(o => o.Name == key);
            if (option is null)
            {
                var names = known.Select(o => o.Name).ToArray();
                var hint = Suggestions.Hint(key, names);
                reader.Error(keyNode, $"unknown option '{key}' for preset {preset} in agent '{name}'{(hint.Length > 0 ? hint : "; known options: " + string.Join(", ", names))}");
            }
            else if (options.TryGetValue(key, out var value) && option.Problem(value) is { } problem)
            {
                reader.Error(valueNode, $"option {key} '{value}' of agent '{name}' is not valid; {problem}");
            }
        }

        return options;
    }
}
