using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads <c>ports: {blockSize: N}</c>: how many consecutive ports each task is given.</summary>
internal static class PortsReader
{
    /// <summary>Enough for a dev server, its hot-reload socket and a test database, with room to spare.</summary>
    public const int MaxBlockSize = 1000;

    private static readonly string[] Keys = ["blockSize"];

    public static int? BlockSize(YamlNode? node, NodeReader reader)
    {
        if (NodeReader.IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node!, $"'ports' must be a mapping like 'ports: {{blockSize: 10}}', not a {NodeReader.Shape(node!)}");
            return null;
        }

        var fields = reader.Fields(mapping, Keys, "in 'ports'");
        return (int?)reader.Whole(fields["blockSize"], new WholeNumberRule("ports.blockSize", 1, MaxBlockSize));
    }
}
