namespace Fanout.Workspaces;

/// <summary>Where a folder stands in its repository: a bare one has no working tree; inside a working tree is not inside its <c>.git</c>.</summary>
public sealed record RepositoryKind(bool Bare, bool InsideWorkTree);

public sealed partial class Git
{
    public async Task<RepositoryKind> KindAsync(CancellationToken cancellationToken)
    {
        var answers = (await ReadAsync(null, cancellationToken, "rev-parse", "--is-bare-repository", "--is-inside-work-tree")).Split('\n', StringSplitOptions.TrimEntries);
        return new RepositoryKind(answers[0] == "true", answers.Length >= 2 && answers[1] == "true");
    }

    public async Task<string> TopLevelAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(null, cancellationToken, "rev-parse", "--show-toplevel")).Trim();

    public async Task<string> CommonDirAsync(CancellationToken cancellationToken)
    {
        // git prints it relative to where it ran when it can.
        var printed = (await ReadAsync(null, cancellationToken, "rev-parse", "--git-common-dir")).Trim();
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(RepositoryDirectory, printed)));
    }
}
