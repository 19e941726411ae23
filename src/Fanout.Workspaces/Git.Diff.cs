namespace Fanout.Workspaces;

public sealed partial class Git
{
    public Task<string> DiffAsync(string baseCommit, string branch, CancellationToken cancellationToken)
    {
        Revision(baseCommit, nameof(baseCommit));
        Revision(branch, nameof(branch));
        return ReadAsync(null, cancellationToken, "diff", "--no-color", "--no-ext-diff", $"{baseCommit}...{branch}", "--");
    }
}
