namespace Fanout.Workspaces;

/// <summary>Where a folder stands in its repository: a bare one has no working tree; inside a working tree is not inside its <c>.git</c>.</summary>
public sealed record RepositoryKind(bool Bare, bool InsideWorkTree);

/// <summary>A working tree's top folder, its git common dir (a full path) and the commit its HEAD names.</summary>
public sealed record WorkTreeFacts(string TopLevel, string CommonDir, string Head);

public sealed partial class Git
{
    public async Task<RepositoryKind> KindAsync(CancellationToken cancellationToken)
    {
        var answers = (await ReadAsync(null, cancellationToken, "rev-parse", "--is-bare-repository", "--is-inside-work-tree")).Split('\n', StringSplitOptions.TrimEntries);
        return new RepositoryKind(answers[0] == "true", answers.Length >= 2 && answers[1] == "true");
    }

    public async Task<WorkTreeFacts?> TryDescribeWorkTreeAsync(CancellationToken cancellationToken)
    {
        // rev-parse answers its options in order, so one process tells all four; any other answer
        // (bare, inside .git, no commits, not a repository) is left to the questions one at a time.
        var result = await TryReadAsync(
            null, cancellationToken, "rev-parse", "--is-bare-repository", "--is-inside-work-tree", "--show-toplevel", "--git-common-dir", "--verify", "--quiet", "--end-of-options", "HEAD^{commit}");
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return result.ExitCode == 0 && lines is ["false", "true", var top, var common, var head]
            ? new WorkTreeFacts(top, FullCommonDir(common), head)
            : null;
    }

    public async Task<string> TopLevelAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(null, cancellationToken, "rev-parse", "--show-toplevel")).Trim();

    public async Task<string> CommonDirAsync(CancellationToken cancellationToken)
    {
        // git prints it relative to where it ran when it can.
        var printed = (await ReadAsync(null, cancellationToken, "rev-parse", "--git-common-dir")).Trim();
        return FullCommonDir(printed);
    }

    private string FullCommonDir(string printed) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(RepositoryDirectory, printed)));
}
