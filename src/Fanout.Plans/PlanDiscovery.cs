using Fanout.Core;

namespace Fanout.Plans;

/// <summary>
/// Finds the plan a command means when it is given a folder, or nothing: <c>fanout.yaml</c>, then a
/// Contextune <c>plan.yaml</c> (the folder's own, or <c>.parallel/plans/plan.yaml</c>), then a single
/// ccpm epic (the folder's <c>epic.md</c>, or the one epic under <c>.claude/epics</c>).
/// </summary>
public static class PlanDiscovery
{
    /// <summary>The plan file in <paramref name="folder"/>, or null with the reason when there is none (or more than one epic).</summary>
    /// <param name="folder">The folder to look in; empty for the current directory (the plan is then named relative to it).</param>
    public static string? Find(string folder, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(folder);
        problem = null;
        foreach (var candidate in new[] { "fanout.yaml", "plan.yaml", Path.Combine(".parallel", "plans", "plan.yaml"), CcpmEpicReader.EpicFile })
        {
            var file = Path.Combine(folder, candidate);
            if (File.Exists(file))
            {
                return file;
            }
        }

        var here = folder.Length == 0 ? Directory.GetCurrentDirectory() : folder;
        var epics = Epics(Path.Combine(folder, ".claude", "epics")).Concat(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(here))) == "epics" ? Epics(folder.Length == 0 ? "." : folder) : []).ToArray();
        if (epics.Length == 1)
        {
            return epics[0];
        }

        problem = epics.Length > 1
            ? $"{epics.Length} ccpm epics in '{here}' ({string.Join(", ", epics.Select(e => Path.GetFileName(Path.GetDirectoryName(e))))}); name one, e.g. 'fanout run {Path.GetDirectoryName(epics[0])}'"
            : $"no plan in folder '{here}': looked for fanout.yaml, .parallel/plans/plan.yaml and a ccpm epic under .claude/epics; 'fanout init' writes a fanout.yaml";
        return null;
    }

    /// <summary>The plan a command uses when none is named: the one found in <paramref name="folder"/> (the current directory by default).</summary>
    /// <exception cref="UserInputException">No plan there, or more than one epic.</exception>
    public static string Discover(string? folder = null) =>
        Find(folder ?? string.Empty, out var problem) ?? throw new UserInputException(problem!);

    private static IEnumerable<string> Epics(string epicsFolder) =>
        Directory.Exists(epicsFolder)
            ? Directory.EnumerateDirectories(epicsFolder).Select(d => Path.Combine(d, CcpmEpicReader.EpicFile)).Where(File.Exists).Order(StringComparer.Ordinal)
            : [];
}
