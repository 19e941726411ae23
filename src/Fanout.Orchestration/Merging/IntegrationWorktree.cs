using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary>
/// The run's integration branch, checked out in a worktree of its own: every merge happens here,
/// never in the user's checkout, and a branch checked out elsewhere is never merged into.
/// </summary>
internal sealed class IntegrationWorktree
{
    private readonly MergeSetup _setup;
    private readonly IGit _git;

    private IntegrationWorktree(MergeSetup setup, IGit git, Workspace workspace)
    {
        _setup = setup;
        _git = git;
        Workspace = workspace;
    }

    public Workspace Workspace { get; }

    public IGit Git => _git;

    /// <summary>Creates the branch at the run's base commit and its worktree, or reuses both from an earlier merge of the run.</summary>
    public static async Task<IntegrationWorktree> OpenAsync(MergeSetup setup, CancellationToken cancellationToken)
    {
        var git = setup.Git;
        var workspace = await setup.Workspaces.CreateAsync(new WorkspaceRequest(setup.RunId, "_integration", setup.Branch, setup.Worktree, setup.BaseCommit), cancellationToken);
        var changed = await git.TrackedChangesAsync(workspace.Path, cancellationToken);
        if (changed.Count > 0)
        {
            throw new UserInputException($"the integration worktree {workspace.Path} has uncommitted changes ({string.Join(", ", changed.Take(5))}); commit or discard them there, then merge again");
        }

        await IntegrationPreparation.PrepareAsync(setup, workspace, cancellationToken);

        return new IntegrationWorktree(setup, git, workspace);
    }

    public async Task<string> HeadAsync(CancellationToken cancellationToken) =>
        await _git.TryResolveCommitAsync(_setup.Branch, cancellationToken) ?? throw new GitException($"branch {_setup.Branch} does not exist");

    /// <summary>Whether the task's branch is already in the integration branch (a merge run a second time).</summary>
    public Task<bool> ContainsAsync(string branch, CancellationToken cancellationToken) => _git.IsAncestorAsync(branch, _setup.Branch, cancellationToken);

    public Task<MergeResult> PreviewAsync(string branch, CancellationToken cancellationToken) => _git.PreviewMergeAsync(_setup.Branch, branch, cancellationToken);

    /// <summary>Always a merge commit, so one task's merge is exactly one commit that can be taken back.</summary>
    public Task<MergeResult> MergeAsync(string branch, string message, CancellationToken cancellationToken) =>
        _git.MergeAsync(Workspace.Path, branch, message, noFastForward: true, cancellationToken);

    /// <summary>Takes back the last merge (the one that broke the tests).</summary>
    public Task UndoLastMergeAsync(CancellationToken cancellationToken) =>
        _git.ResetHardAsync(Workspace.Path, "HEAD~1", cancellationToken);

    /// <summary>Runs the plan's test command in the integration worktree, its output in the run's <c>_integration</c> log.</summary>
    public Task<ProcessResult> TestAsync(CommandSpec test, string? task, CancellationToken cancellationToken) =>
        RunAsync(_setup, Workspace.Path, test, task, cancellationToken);

    /// <summary>Runs a plan command (setup, test) in the integration worktree with the run's variables, its output in the <c>_integration</c> log.</summary>
    internal static Task<ProcessResult> RunAsync(MergeSetup setup, string worktree, CommandSpec command, string? task, CancellationToken cancellationToken)
    {
        var placeholders = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["run"] = setup.RunId,
            ["task"] = task ?? string.Empty,
            ["branch"] = setup.Branch,
            ["worktree"] = worktree,
        };
        var variables = new TaskVariables(setup.RunId, task ?? string.Empty, setup.BaseRef, setup.BaseCommit, setup.Paths.Root)
        {
            Branch = setup.Branch,
            Worktree = worktree,
        };
        var scope = new CommandScope(worktree, setup.LogFile, placeholders, variables.ToEnvironment());
        return new PlanCommandRunner(setup.Session.Runner).RunAsync(command, scope, cancellationToken);
    }
}
