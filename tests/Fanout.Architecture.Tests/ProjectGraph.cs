using System.Xml.Linq;

namespace Fanout.Architecture.Tests;

/// <summary>Every project of the repository and the projects it references directly, read from the project files.</summary>
internal sealed class ProjectGraph
{
    private ProjectGraph(string root, IReadOnlyDictionary<string, IReadOnlyList<string>> references)
    {
        Root = root;
        References = references;
    }

    public string Root { get; }

    /// <summary>Project name (the file name without .csproj) to the names it references.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; }

    public static ProjectGraph Load()
    {
        var root = FindRoot();
        var references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.csproj", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var names = XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToArray();
            references[Path.GetFileNameWithoutExtension(file)] = names;
        }

        return new ProjectGraph(root, references);
    }

    /// <summary>Every project <paramref name="project"/> reaches through references, itself excluded.</summary>
    public IReadOnlySet<string> Reachable(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References.GetValueOrDefault(project) ?? []);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var further in References.GetValueOrDefault(next) ?? [])
                {
                    pending.Push(further);
                }
            }
        }

        return seen;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Fanout.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Fanout.slnx above {AppContext.BaseDirectory}");
    }
}
