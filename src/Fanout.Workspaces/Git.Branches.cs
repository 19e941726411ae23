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

    public async Task<IReadOnlyList<string>> CreateBranchesAsync(IReadOnlyList<BranchStart> branches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(branches);
        if (branches.Count == 0)
        {
            return [];
        }

        var result = await CreateRefsAsync(branches, cancellationToken);
        if (result.ExitCode == 0)
        {
            return [];
        }

        // The transaction refused all of them; find the ones in the way and create the rest.
        var existing = (await ReadAsync(null, cancellationToken, ["for-each-ref", "--format=%(refname)", "--end-of-options", .. branches.Select(b => HeadsPrefix + b.Branch)]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r[HeadsPrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var rest = branches.Where(b => !existing.Contains(b.Branch)).ToArray();
        if (existing.Count == 0 || (rest.Length > 0 && (await CreateRefsAsync(rest, cancellationToken)).ExitCode != 0))
        {
            throw result.ToException();
        }

        return [.. branches.Where(b => existing.Contains(b.Branch)).Select(b => b.Branch)];
    }

    /// <summary>One <c>update-ref --stdin</c> transaction: every <c>create</c> or none (each refuses a ref that exists).</summary>
    private Task<GitResult> CreateRefsAsync(IReadOnlyList<BranchStart> branches, CancellationToken cancellationToken)
    {
        var commands = new System.Text.StringBuilder();
        foreach (var (branch, startPoint) in branches)
        {
            ArgumentException.ThrowIfNullOrEmpty(branch);
            commands.Append("create ").Append(HeadsPrefix).Append(branch).Append(' ').Append(Revision(startPoint, nameof(branches))).Append('\n');
        }

        return RunWithInputAsync(null, commands.ToString(), cancellationToken, "update-ref", "--stdin", "-m", "branch: created for a Fanout task");
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
