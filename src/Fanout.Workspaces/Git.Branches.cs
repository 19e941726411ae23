namespace Fanout.Workspaces;

public sealed partial class Git
{
    private const string HeadsPrefix = "refs/heads/";

    public async Task<IReadOnlyList<string>> ListBranchesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var output = await ReadAsync(null, cancellationToken, "for-each-ref", "--format=%(refname:short)", "--end-of-options", HeadsPrefix + prefix);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public Task DeleteBranchAsync(string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        return RunAsync(null, cancellationToken, "branch", "--quiet", "-D", "--", branch);
    }

    public Task UpdateBranchAsync(string branch, string commit, string expected, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        ArgumentException.ThrowIfNullOrEmpty(commit);
        ArgumentException.ThrowIfNullOrEmpty(expected);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return RunAsync(null, cancellationToken, "update-ref", "-m", reason, HeadsPrefix + branch, commit, expected);
    }

    public async Task<int> CountCommitsOnNoBranchAsync(string tip, CancellationToken cancellationToken)
    {
        Revision(tip, nameof(tip));
        var output = await ReadAsync(null, cancellationToken, "rev-list", "--count", tip, "--not", "--branches", "--remotes");
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> CountCommitsOnlyOnBranchAsync(string branch, string tip, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        Revision(tip, nameof(tip));

        // The revisions follow options such as --not, so --end-of-options cannot guard the tip.
        // (--exclude patterns for --branches are written without refs/heads/.)
        var output = await ReadAsync(null, cancellationToken, "rev-list", "--count", tip, "--not", "--exclude=" + branch, "--branches", "--remotes");
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
