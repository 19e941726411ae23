using Fanout.TestSupport;

namespace Fanout.Plans.Tests;

/// <summary>Sample plan folders under Fixtures/, copied into a temp folder so a test may change them.</summary>
internal static class Fixtures
{
    public static string CopyTo(string name, TempDirectory target)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            target.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }

        return target.Path;
    }
}
