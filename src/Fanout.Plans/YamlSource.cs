using Fanout.Core;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>A file being read: the path as the user knows it (for messages) and where it really is.</summary>
internal sealed record YamlSource(string DisplayPath, string FullPath)
{
    public string Folder => Path.GetDirectoryName(FullPath)!;

    public SourcePosition Start => new(DisplayPath, 1, 1);

    public SourcePosition At(YamlNode node) => At(node.Start);

    public SourcePosition At(Mark mark) => new(DisplayPath, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>The display path of a file named relative to this one's folder.</summary>
    public string Sibling(string relativePath)
    {
        var folder = Path.GetDirectoryName(DisplayPath);
        return string.IsNullOrEmpty(folder) ? relativePath : Path.Combine(folder, relativePath);
    }
}
