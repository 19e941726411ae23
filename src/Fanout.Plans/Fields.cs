using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>The recognised keys of one YAML mapping, with their key and value nodes.</summary>
internal sealed class Fields(IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> fields)
{
    public YamlNode? this[string key] => fields.TryGetValue(key, out var field) ? field.Value : null;

    public bool Has(string key) => fields.ContainsKey(key);

    public YamlNode? KeyNode(string key) => fields.TryGetValue(key, out var field) ? field.Key : null;
}
