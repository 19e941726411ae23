namespace Fanout.Workspaces;

/// <summary>One entry of <c>git worktree list</c>.</summary>
public sealed record WorktreeEntry(string Path, string? Branch, bool Prunable)
{
    public string? Head { get; init; }

    public bool Locked { get; init; }

    public bool Detached => Branch is null;
}

/// <summary>Reads <c>git worktree list --porcelain -z</c>.</summary>
internal static class WorktreeList
{
    private const string HeadsPrefix = "refs/heads/";

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
            else if (current is null)
            {
                continue;
            }
            else if (field.StartsWith("branch " + HeadsPrefix, StringComparison.Ordinal))
            {
                current = current with { Branch = field[("branch " + HeadsPrefix).Length..] };
            }
            else if (field.StartsWith("HEAD ", StringComparison.Ordinal))
            {
                current = current with { Head = field["HEAD ".Length..] };
            }
            else if (Flag(field, "prunable"))
            {
                current = current with { Prunable = true };
            }
            else if (Flag(field, "locked"))
            {
                current = current with { Locked = true };
            }
        }

        Add(entries, current);
        return entries;
    }

    private static bool Flag(string field, string name) =>
        field == name || field.StartsWith(name + " ", StringComparison.Ordinal);

    private static void Add(List<WorktreeEntry> entries, WorktreeEntry? entry)
    {
        if (entry is not null)
        {
            entries.Add(entry);
        }
    }
}
