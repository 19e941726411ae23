namespace Fanout.Workspaces;

public sealed partial class Git
{
    private const string FallbackName = "Fanout";
    private const string FallbackEmail = "fanout@localhost";

    private readonly Lock _identityGate = new();
    private Task<string[]>? _identity;

    public async Task<string?> TryResolveCommitAsync(string revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var result = await TryReadAsync(null, cancellationToken, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        return result.ExitCode switch
        {
            0 => result.Output.Trim(),
            1 => null,
            _ => throw result.ToException(),
        };
    }

    public async Task<string?> CurrentBranchAsync(CancellationToken cancellationToken)
    {
        var result = await TryReadAsync(null, cancellationToken, "symbolic-ref", "--quiet", "--short", "HEAD");
        return result.ExitCode switch
        {
            0 => result.Output.Trim(),
            1 => null,
            _ => throw result.ToException(),
        };
    }

    public async Task<bool> BranchExistsAsync(string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var result = await TryReadAsync(null, cancellationToken, "show-ref", "--verify", "--quiet", "refs/heads/" + branch);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw result.ToException(),
        };
    }

    public async Task<bool> IsValidBranchNameAsync(string branch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var result = await TryReadAsync(null, cancellationToken, "check-ref-format", "--branch", branch);
        return result.ExitCode switch
        {
            0 => true,
            1 or 128 => false,
            _ => throw result.ToException(),
        };
    }

    public async Task<bool> CommitAllAsync(string worktree, string message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        ArgumentException.ThrowIfNullOrEmpty(message);

        // --sparse: what an agent wrote outside a sparse checkout's folders is its work too.
        // -v names every path the add staged: when it names one, there is something to commit.
        var added = await RunAsync(worktree, cancellationToken, "add", "-A", "--sparse", "-v");
        if (added.Length == 0)
        {
            // Nothing new staged now; the agent may have staged its work itself.
            var staged = await TryReadAsync(worktree, cancellationToken, "diff", "--cached", "--quiet");
            switch (staged.ExitCode)
            {
                case 0:
                    return false;
                case not 1:
                    throw staged.ToException();
            }
        }

        // -m keeps git from opening an editor; hooks still run, since they are the repository's rules.
        await RunAsync(worktree, cancellationToken, [.. await IdentityFallbackAsync(cancellationToken), "commit", "--quiet", "-m", message]);
        return true;
    }

    public async Task<IReadOnlyList<string>> CommitsAheadAsync(string baseCommit, string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseCommit);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var output = await ReadAsync(null, cancellationToken, "rev-list", "--end-of-options", $"{baseCommit}..{branch}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async Task<int> CountCommitsAheadAsync(string baseCommit, string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseCommit);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var output = await ReadAsync(null, cancellationToken, "rev-list", "--count", "--end-of-options", $"{baseCommit}..{branch}");
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<string>> ChangedPathsAsync(string worktree, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        var output = await ReadAsync(worktree, cancellationToken, "status", "--porcelain=v1", "-z", "--untracked-files=all");
        return ParsePorcelain(output);
    }

    /// <summary>Entries are <c>XY path</c>, NUL-terminated; renames and copies add the old path as an extra field.</summary>
    private static List<string> ParsePorcelain(string output)
    {
        var fields = output.Split('\0');
        var paths = new List<string>();
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.Length < 4)
            {
                continue;
            }

            paths.Add(field[3..]);
            if (field[0] is 'R' or 'C')
            {
                i++;
            }
        }

        return paths;
    }

    /// <summary>
    /// Fresh CI machines have no identity; supply one only for what the repository does not
    /// configure. Read once per instance, with one git process for both keys: every task's commit
    /// asks, and the answer is the repository's.
    /// </summary>
    private Task<string[]> IdentityFallbackAsync(CancellationToken cancellationToken)
    {
        lock (_identityGate)
        {
            if (_identity is not { IsFaulted: false, IsCanceled: false } known)
            {
                known = _identity = ReadIdentityFallbackAsync(cancellationToken);
            }

            return known;
        }
    }

    private async Task<string[]> ReadIdentityFallbackAsync(CancellationToken cancellationToken)
    {
        var result = await TryReadAsync(null, cancellationToken, "config", "--get-regexp", "^user\\.(name|email)$");
        if (result.ExitCode is not (0 or 1))
        {
            throw result.ToException();
        }

        var configured = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(pair => pair.Length == 2 && pair[1].Trim().Length > 0)
            .Select(pair => pair[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fallback = new List<string>();
        if (!configured.Contains("user.name"))
        {
            fallback.AddRange(["-c", "user.name=" + FallbackName]);
        }

        if (!configured.Contains("user.email"))
        {
            fallback.AddRange(["-c", "user.email=" + FallbackEmail]);
        }

        return [.. fallback];
    }
}
