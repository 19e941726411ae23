using Fanout.Core;
using Fanout.Journal;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>Finds a journaled run's plan again (for merge, resume and retry): the path as the run was given it, from here or from the repository.</summary>
public static class RunPlan
{
    public static string Locate(RunInfo info, RepositoryPaths paths)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(paths);
        var candidates = new[] { Path.GetFullPath(info.PlanFile), Path.GetFullPath(info.PlanFile, info.Repository), Path.GetFullPath(info.PlanFile, paths.Root) };
        return candidates.FirstOrDefault(p => File.Exists(p) || Directory.Exists(p))
            ?? throw new UserInputException($"the run's plan '{info.PlanFile}' is not found (looked in {Directory.GetCurrentDirectory()} and {info.Repository}); run this from the folder the run started in");
    }
}
