using Fanout.Processes;

namespace Fanout.Workspaces;

public sealed partial class Git
{
    /// <summary>The URL of a remote, or null when the repository has no such remote.</summary>
    public async Task<string?> RemoteUrlAsync(string remote, CancellationToken cancellationToken)
    {
        var result = await TryReadAsync(null, cancellationToken, "remote", "get-url", "--", remote);
        return result.Succeeded && result.Output.Length > 0 ? result.Output : null;
    }

    /// <summary>Pushes a branch to the remote under the same name (the user's own credential helpers apply).</summary>
    public Task PushAsync(string remote, string branch, CancellationToken cancellationToken) =>
        RunAsync(null, cancellationToken, "push", "--quiet", "--", remote, $"refs/heads/{branch}:refs/heads/{branch}");

    public Task FetchAsync(string remote, IReadOnlyList<string> refspecs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refspecs);
        return RunAsync(null, cancellationToken, ["fetch", "--quiet", "--no-tags", "--", remote, .. refspecs]);
    }

    /// <summary>
    /// Clones <paramref name="url"/> into <paramref name="path"/> (which must not exist yet), without
    /// checking anything out: a worker's own copy of a run's shared remote, whose task worktrees hold the checkouts.
    /// </summary>
    /// <param name="branch">The branch its HEAD names (the run's base), so HEAD is born even when the remote's own HEAD names no branch.</param>
    public static async Task CloneAsync(IProcessRunner runner, string url, string path, string? branch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var parent = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(parent);
        var git = new Git(parent, runner);
        string[] head = branch is null ? [] : ["--branch", branch];
        await git.RunAsync(parent, cancellationToken, ["clone", "--quiet", "--no-checkout", .. head, "--", url, path]);
    }
}
