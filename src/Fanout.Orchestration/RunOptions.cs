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

    /// <summary>Overrides the plan's tracker: local or github.</summary>
    public string? Tracker { get; init; }

    /// <summary>Deliver by pushing the branch and opening a pull request that closes the issue.</summary>
    public bool PullRequests { get; init; }

    /// <summary>Added to every tracker request to rehearse a slow remote tracker; zero adds nothing.</summary>
    public TimeSpan TrackerLatency { get; init; }

    /// <summary>How long an agent's question waits for an answer (<c>--ask-timeout</c>).</summary>
    public TimeSpan AskTimeout { get; init; } = TaskEndpoint.DefaultAskTimeout;

    /// <summary>The repository to run in: the one given, else the one that holds the plan file, else the current directory.</summary>
    public string Repository()
    {
        if (RepositoryDirectory is { } given)
        {
            return given;
        }

        var full = Path.GetFullPath(PlanPath);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        return folder is not null && Directory.Exists(folder) ? folder : Directory.GetCurrentDirectory();
    }
}

/// <summary>The run every stage works on: its id, and the base it started from.</summary>
public sealed record RunIdentity(string Id, string BaseRef, string BaseCommit);

/// <summary>A run checked against its plan and repository, with every name decided, before anything exists.</summary>
public sealed record PreparedRun(RunIdentity Run, Plan Plan, SetupStrategy Strategy, int MaxParallel)
{
    public string RunId => Run.Id;

    public TrackerChoice Tracker { get; init; } = TrackerChoice.Local;

    /// <summary>The agent <c>--agent</c> chose for every task; journaled so a resume chooses it again.</summary>
    public string? AgentOverride { get; init; }

    public bool PullRequests { get; init; }

    /// <summary>Added to every tracker request (<see cref="Trackers.DelayedTracker"/>); zero adds nothing.</summary>
    public TimeSpan TrackerLatency { get; init; }

    /// <summary>Merge tasks as they finish (<c>run --merge</c>); null does not merge.</summary>
    public Merging.MergeSettings? Merge { get; init; }

    /// <summary>How long an agent's question waits for an answer before it is told to use its judgement.</summary>
    public TimeSpan AskTimeout { get; init; } = TaskEndpoint.DefaultAskTimeout;

    /// <summary>The branch a task will get; issue-first names show the issue as {issue} until it exists.</summary>
    public string BranchOf(PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var branch = WorkspaceNames.Branch(RunId, task.Id);
        return Strategy == SetupStrategy.IssueFirst ? branch.Insert(branch.LastIndexOf('/') + 1, IssuePrefix) : branch;
    }

    public string WorktreeOf(RepositoryPaths paths, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(task);
        var folder = WorkspaceNames.Directory(paths.WorktreeRoot, RunId, task.Id);
        return Strategy == SetupStrategy.IssueFirst ? Path.Combine(Path.GetDirectoryName(folder)!, IssuePrefix + Path.GetFileName(folder)) : folder;
    }

    private const string IssuePrefix = "{issue}-";
}
