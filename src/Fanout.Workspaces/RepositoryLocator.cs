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
            throw new RepositoryException($"{folder} does not exist; pass --repo DIR with the folder of a git repository");
        }

        var git = new Git(folder, runner);
        var kind = await git.TryRunAsync(null, cancellationToken, "rev-parse", "--is-bare-repository", "--is-inside-work-tree");
        if (!kind.Succeeded)
        {
            throw NotARepository(folder, kind);
        }

        var answers = kind.Output.Split('\n', StringSplitOptions.TrimEntries);
        if (answers[0] == "true")
        {
            throw new RepositoryException($"{folder} is a bare repository; Fanout needs a working tree: clone it (`git clone {folder}`) and pass --repo with the clone");
        }

        if (answers.Length < 2 || answers[1] != "true")
        {
            throw new RepositoryException($"{folder} is inside a .git folder, not a working tree; pass --repo with the repository's top folder");
        }

        var root = (await git.RunAsync(null, cancellationToken, "rev-parse", "--show-toplevel")).Trim();
        var commonDir = Path.GetFullPath(Path.Combine(folder, (await git.RunAsync(null, cancellationToken, "rev-parse", "--git-common-dir")).Trim()));
        if (await git.TryResolveCommitAsync("HEAD", cancellationToken) is null)
        {
            throw new RepositoryException($"{root} has no commits yet; commit something first");
        }

        var mainRoot = await MainRootAsync(git, commonDir, cancellationToken);
        return new RepositoryPaths(root, Path.TrimEndingDirectorySeparator(commonDir), RepositoryPaths.DefaultWorktreeRoot(mainRoot));
    }

    /// <summary>
    /// The main worktree, even when called from a linked one: worktrees of every run
    /// must share one root, next to the repository the user cloned.
    /// </summary>
    private static async Task<string> MainRootAsync(Git git, string commonDir, CancellationToken cancellationToken)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(commonDir);
        if (Path.GetFileName(trimmed) == ".git" && Path.GetDirectoryName(trimmed) is { } parent)
        {
            return parent;
        }

        // A separate git dir or a submodule: git lists the main worktree first.
        var list = await git.RunAsync(null, cancellationToken, "worktree", "list", "--porcelain", "-z");
        var first = list.Split('\0').FirstOrDefault(f => f.StartsWith("worktree ", StringComparison.Ordinal));
        return first is null ? git.RepositoryDirectory : first["worktree ".Length..];
    }

    private static RepositoryException NotARepository(string folder, GitResult result)
    {
        var said = Tail.Of(result.Error, 1);
        if (result.Error.Contains("dubious ownership", StringComparison.Ordinal))
        {
            // git's last line is the exact command that allows the folder.
            return new RepositoryException($"{folder} belongs to another user and git refuses it; run `{said}` or pass --repo DIR");
        }

        if (result.Error.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
        {
            return new RepositoryException($"{folder} is not inside a git repository; run `git init` there or pass --repo DIR");
        }

        return new RepositoryException($"{folder} cannot be read as a git repository ({said}); pass --repo DIR with another folder");
    }
}
