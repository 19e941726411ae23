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
}
