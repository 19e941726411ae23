namespace Fanout.Workspaces;

/// <summary>
/// Where Fanout keeps things for one repository: runtime state under the git common dir
/// (never in the working tree), worktrees under a sibling folder outside the repository.
/// </summary>
public sealed record RepositoryPaths(string Root, string CommonDir, string WorktreeRoot)
{
    public string StateDir => Path.Combine(CommonDir, "fanout");

    public string JournalFile => Path.Combine(StateDir, "journal.db");

    public string TrackerFile => Path.Combine(StateDir, "tracker.db");

    public string LockDir => Path.Combine(StateDir, "locks");

    public string RunDir(string runId) => Path.Combine(StateDir, "runs", runId);

    public string LogFile(string runId, string taskId) => Path.Combine(RunDir(runId), "logs", taskId + ".log");

    public string PromptFile(string runId, string taskId) => Path.Combine(RunDir(runId), "prompts", taskId + ".md");

    /// <summary>Held for as long as the run's process lives: gc and clean tell a crashed run from a running one by it.</summary>
    public string RunLockFile(string runId) => Path.Combine(LockDir, $"run-{runId}.lock");

    /// <summary>Held while a run's merge queue works, so two merges never race on its integration worktree.</summary>
    public string MergeLockFile(string runId) => Path.Combine(LockDir, $"merge-{WorkspaceNames.SanitizeComponent(runId)}.lock");

    /// <summary>The default worktree root: a sibling folder <c>&lt;repo&gt;.worktrees</c>.</summary>
    public static string DefaultWorktreeRoot(string root) =>
        Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root)) ?? root, Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) + ".worktrees");
}
