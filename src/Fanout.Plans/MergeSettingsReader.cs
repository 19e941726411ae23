using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads <c>merge: {test: once|each}</c>.</summary>
internal static class MergeSettingsReader
{
    private static readonly string[] Keys = ["test"];

    public static MergeTestMode? Read(YamlNode? node, NodeReader reader)
    {
        if (NodeReader.IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node!, "'merge' must be a mapping such as '{test: once}'");
            return null;
        }

        var fields = reader.Fields(mapping, Keys, "in 'merge'");
        var test = reader.String(fields["test"], "'test' of 'merge'");
        switch (test)
        {
            case null:
                return null;
            case "once":
                return MergeTestMode.Once;
            case "each":
                return MergeTestMode.Each;
            default:
                reader.Error(fields["test"]!, $"unknown merge test mode '{test}'; use once (test after all merges) or each (test after every merge)");
                return null;
        }
    }
}
