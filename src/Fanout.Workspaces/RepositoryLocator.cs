using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>Finds the repository a folder belongs to and where Fanout keeps its state and worktrees for it.</summary>
public static class RepositoryLocator
{
    public static async Task<RepositoryPaths> LocateAsync(string directory, IProcessRunner runner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(runner);
        var folder = Path.GetFullPath(directory);
        if (!Directory.Exists(folder))
        {
            throw new UserInputException($"{folder} does not exist; pass --repo DIR with the folder of a git repository");
        }

        var git = new Git(folder, runner);
        if (await git.TryDescribeWorkTreeAsync(cancellationToken) is { } facts)
        {
            // The common case in one git process: commands people run in a loop start fast.
            return new RepositoryPaths(facts.TopLevel, facts.CommonDir, RepositoryPaths.DefaultWorktreeRoot(await MainRootAsync(git, facts.CommonDir, cancellationToken)));
        }

        RepositoryKind kind;
        try
        {
            kind = await git.KindAsync(cancellationToken);
        }
        catch (GitException refused)
        {
            throw NotARepository(folder, refused);
        }

        if (kind.Bare)
        {
            throw new UserInputException($"{folder} is a bare repository; Fanout needs a working tree: clone it (`git clone {folder}`) and pass --repo with the clone");
        }

        if (!kind.InsideWorkTree)
        {
            throw new UserInputException($"{folder} is inside a .git folder, not a working tree; pass --repo with the repository's top folder");
        }

        var root = await git.TopLevelAsync(cancellationToken);
        var commonDir = await git.CommonDirAsync(cancellationToken);
        if (await git.TryResolveCommitAsync("HEAD", cancellationToken) is null)
        {
            throw new UserInputException($"{root} has no commits yet; commit something first");
        }

        var mainRoot = await MainRootAsync(git, commonDir, cancellationToken);
        return new RepositoryPaths(root, commonDir, RepositoryPaths.DefaultWorktreeRoot(mainRoot));
    }

    /// <summary>
    /// The main worktree, even when called from a linked one: worktrees of every run
    /// must share one root, next to the repository the user cloned.
    /// </summary>
    private static async Task<string> MainRootAsync(IGit git, string commonDir, CancellationToken cancellationToken)
    {
        if (Path.GetFileName(commonDir) == ".git" && Path.GetDirectoryName(commonDir) is { } parent)
        {
            return parent;
        }

        // A separate git dir or a submodule: git lists the main worktree first.
        var worktrees = await git.ListWorktreesAsync(cancellationToken);
        return worktrees.Count == 0 ? git.RepositoryDirectory : worktrees[0].Path;
    }

    private static UserInputException NotARepository(string folder, GitException refused)
    {
        var error = refused.Result?.StandardError ?? refused.Message;
        var said = Tail.Of(error, 1);
        if (error.Contains("dubious ownership", StringComparison.Ordinal))
        {
            // git's last line is the exact command that allows the folder.
            return new UserInputException($"{folder} belongs to another user and git refuses it; run `{said}` or pass --repo DIR");
        }

        if (error.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
        {
            return new UserInputException($"{folder} is not inside a git repository; run `git init` there or pass --repo DIR");
        }

        return new UserInputException($"{folder} cannot be read as a git repository ({said}); pass --repo DIR with another folder");
    }
}
