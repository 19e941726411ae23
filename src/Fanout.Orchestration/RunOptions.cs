using Fanout.Plans;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>What the user asked for on the command line.</summary>
public sealed record RunOptions(string PlanPath)
{
    public string? RepositoryDirectory { get; init; }

    public SetupStrategy Strategy { get; init; } = SetupStrategy.Overlap;

    public int? MaxParallel { get; init; }

    /// <summary>Overrides the plan's default agent.</summary>
    public string? Agent { get; init; }

    /// <summary>A fixed run id (tests, resumption); a fresh one otherwise.</summary>
    public string? RunId { get; init; }
}

/// <summary>A run checked against its plan and repository, with every name decided, before anything exists.</summary>
public sealed record PreparedRun(string RunId, Plan Plan, RepositoryPaths Paths, string BaseRef, string BaseCommit, SetupStrategy Strategy, int MaxParallel)
{
    /// <summary>The branch a task will get; issue-first names show the issue as {issue} until it exists.</summary>
    public string BranchOf(PlanTask task) => Strategy == SetupStrategy.IssueFirst
        ? WorkspaceNames.Branch(RunId, task?.Id ?? string.Empty, 0).Replace("/0-", "/{issue}-", StringComparison.Ordinal)
        : WorkspaceNames.Branch(RunId, task?.Id ?? string.Empty);

    public string WorktreeOf(PlanTask task) => Strategy == SetupStrategy.IssueFirst
        ? WorkspaceNames.Directory(Paths.WorktreeRoot, RunId, task?.Id ?? string.Empty, 0).Replace($"{Path.DirectorySeparatorChar}0-", $"{Path.DirectorySeparatorChar}{{issue}}-", StringComparison.Ordinal)
        : WorkspaceNames.Directory(Paths.WorktreeRoot, RunId, task?.Id ?? string.Empty);
}
