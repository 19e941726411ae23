using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary>What the user asked of the merge queue: when to test, and which branch to bring up to date afterwards.</summary>
public sealed record MergeSettings
{
    public MergeTestMode Test { get; init; } = MergeTestMode.Once;

    /// <summary>A branch to fast-forward (or merge) to the integration result when every merge and test passed.</summary>
    public string? Into { get; init; }

    /// <summary>Land on <see cref="Into"/> the tasks that merged with passing tests even when others failed or conflicted (<c>--partial</c>).</summary>
    public bool Partial { get; init; }
}

/// <summary>Everything the merge queue of one run works with: the session's services, the run, and how to merge.</summary>
public sealed record MergeSetup(FanoutSession Session, RunIdentity Run, MergeSettings Settings)
{
    public required ITracker Tracker { get; init; }

    public required RunRecorder Recorder { get; init; }

    public required IWorkspaceProvider Workspaces { get; init; }

    /// <summary>The plan's test command, run on the integration worktree; null runs no tests.</summary>
    public CommandSpec? Test { get; init; }

    /// <summary>The plan's setup, run in a new integration worktree before anything is tested there; null runs none.</summary>
    public CommandSpec? Setup { get; init; }

    /// <summary>The plan's include globs, copied into the integration worktree as into a task's.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Whether an earlier merge of the run prepared its integration worktree (the journal says so); a reused worktree is then kept as it is.</summary>
    public bool IntegrationPrepared { get; init; }

    public string RunId => Run.Id;

    public string BaseRef => Run.BaseRef;

    public string BaseCommit => Run.BaseCommit;

    public RepositoryPaths Paths => Session.Paths;

    public IGit Git => Session.Git;

    /// <summary><c>fanout/&lt;run&gt;/integration</c>.</summary>
    public string Branch => WorkspaceNames.Branch(RunId, "integration");

    /// <summary><c>&lt;worktree root&gt;/&lt;run&gt;/_integration</c>: no task id starts with '_', so no task folder can collide.</summary>
    public string Worktree => IntegrationWorktreeOf(Paths, RunId);

    public string LogFile => Paths.LogFile(RunId, "_integration");

    /// <summary>Where the integration worktree of run <paramref name="runId"/> is (clean and gc find it there).</summary>
    public static string IntegrationWorktreeOf(RepositoryPaths paths, string runId)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(Path.GetFullPath(paths.WorktreeRoot), WorkspaceNames.SanitizeComponent(runId), "_integration");
    }
}

/// <summary>One task offered to the queue: its branch, and its final state once its worker is done.</summary>
public sealed record MergeCandidate(string TaskId, string Title, IReadOnlyList<string> DependsOn, Task<TaskOutcome> Finished);

/// <summary>How a task's worker ended, as far as merging cares.</summary>
public sealed record TaskOutcome(Journal.TaskState State, string? Branch, int? Issue);
