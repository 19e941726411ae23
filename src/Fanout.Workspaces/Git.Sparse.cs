namespace Fanout.Workspaces;

public sealed partial class Git
{
    public async Task SetSparseCheckoutAsync(string worktree, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        ArgumentNullException.ThrowIfNull(folders);

        // On standard input, so that a folder named like an option stays a folder.
        (await RunWithInputAsync(worktree, string.Concat(folders.Select(f => f + "\n")), cancellationToken, "sparse-checkout", "set", "--cone", "--stdin")).EnsureSuccess();
    }

    public async Task EnableWorktreeConfigAsync(CancellationToken cancellationToken)
    {
        var set = await TryReadAsync(null, cancellationToken, "config", "--local", "--type=bool", "--get", "extensions.worktreeConfig");
        if (set.ExitCode == 0 && set.Output.Trim() == "true")
        {
            return;
        }

        foreach (var key in new[] { "core.worktree", "core.bare" })
        {
            var value = await TryReadAsync(null, cancellationToken, "config", "--local", "--get", key);
            if (value.ExitCode == 0 && (key == "core.worktree" || value.Output.Trim() == "true"))
            {
                throw new GitException($"sparse worktrees need git's extensions.worktreeConfig, and with it {key} must move from .git/config to .git/config.worktree (see git help config); move it, or drop 'sparse:' and 'files:' sparseness from the plan");
            }
        }

        await RunAsync(null, cancellationToken, "config", "--local", "extensions.worktreeConfig", "true");
    }
}
