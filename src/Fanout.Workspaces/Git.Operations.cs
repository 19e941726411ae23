namespace Fanout.Workspaces;

public sealed partial class Git
{
    private const string FallbackName = "Fanout";
    private const string FallbackEmail = "fanout@localhost";

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
        await RunAsync(worktree, cancellationToken, "add", "-A");
        var staged = await TryReadAsync(worktree, cancellationToken, "diff", "--cached", "--quiet");
        switch (staged.ExitCode)
        {
            case 0:
                return false;
            case not 1:
                throw staged.ToException();
        }

        var arguments = new List<string>();
        arguments.AddRange(await IdentityFallbackAsync(worktree, cancellationToken));

        // -m keeps git from opening an editor; hooks still run, since they are the repository's rules.
        arguments.AddRange(["commit", "--quiet", "-m", message]);
        await RunAsync(worktree, cancellationToken, [.. arguments]);
        return true;
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

    /// <summary>Fresh CI machines have no identity; supply one only for what the repository does not configure.</summary>
    private async Task<string[]> IdentityFallbackAsync(string worktree, CancellationToken cancellationToken)
    {
        var fallback = new List<string>();
        if (!await HasConfigAsync(worktree, "user.name", cancellationToken))
        {
            fallback.AddRange(["-c", "user.name=" + FallbackName]);
        }

        if (!await HasConfigAsync(worktree, "user.email", cancellationToken))
        {
            fallback.AddRange(["-c", "user.email=" + FallbackEmail]);
        }

        return [.. fallback];
    }

    private async Task<bool> HasConfigAsync(string worktree, string key, CancellationToken cancellationToken)
    {
        var result = await TryReadAsync(worktree, cancellationToken, "config", "--get", key);
        return result.ExitCode switch
        {
            0 => result.Output.Trim().Length > 0,
            1 => false,
            _ => throw result.ToException(),
        };
    }
}
