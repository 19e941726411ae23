namespace Fanout.Workspaces;

/// <summary>One entry of <c>git worktree list</c>.</summary>
internal sealed record WorktreeEntry(string Path, string? Branch, bool Prunable);

internal static class WorktreeList
{
    private const string HeadsPrefix = "refs/heads/";

    public static async Task<IReadOnlyList<WorktreeEntry>> ReadAsync(Git git, CancellationToken cancellationToken) =>
        Parse(await git.RunAsync(null, cancellationToken, "worktree", "list", "--porcelain", "-z"));

    /// <summary>NUL-terminated <c>key value</c> fields; an empty field ends each worktree.</summary>
    internal static List<WorktreeEntry> Parse(string output)
    {
        var entries = new List<WorktreeEntry>();
        WorktreeEntry? current = null;
        foreach (var field in output.Split('\0'))
        {
            if (field.StartsWith("worktree ", StringComparison.Ordinal))
            {
                Add(entries, current);
                current = new WorktreeEntry(field["worktree ".Length..], null, false);
            }
            else if (current is not null && field.StartsWith("branch " + HeadsPrefix, StringComparison.Ordinal))
            {
                current = current with { Branch = field[("branch " + HeadsPrefix).Length..] };
            }
            else if (current is not null && (field == "prunable" || field.StartsWith("prunable ", StringComparison.Ordinal)))
            {
                current = current with { Prunable = true };
            }
        }

        Add(entries, current);
        return entries;
    }

    private static void Add(List<WorktreeEntry> entries, WorktreeEntry? entry)
    {
        if (entry is not null)
        {
            entries.Add(entry);
        }
    }
}
