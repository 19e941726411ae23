using System.Globalization;
using System.Text;

namespace Fanout.Workspaces;

/// <summary>
/// The pool's own proof that a pooled worktree was not touched since it was checked out: the
/// commit its HEAD is at, its index file's size and time, and the times of its top folder and of
/// every folder at the top. git rewrites the index for anything it does there (add, checkout,
/// reset, commit, a status that refreshes); creating, deleting or renaming a file changes its
/// folder's time, and every editor that saves by renaming does that too. Checking it reads a few
/// dozen inodes, where <c>git status</c> reads every file's. Kept in the worktree's admin folder
/// (<c>fanout-seal</c>), which <c>git worktree remove</c> deletes with it.
/// </summary>
/// <remarks>
/// What it cannot see is a file rewritten in place below the top folder, which changes that file's
/// time alone: a claim trusts that nobody but Fanout works under <c>.pool/</c>, and every warm checks
/// every pooled worktree in full (<see cref="WorktreePool.WarmAsync"/>) before sealing it again.
/// </remarks>
internal sealed record PoolSeal(string Head, long IndexLength, long IndexTicks, IReadOnlyList<(string Folder, long Ticks)> Folders)
{
    public const string FileName = "fanout-seal";

    /// <summary>The seal of the worktree as it is now, at <paramref name="head"/>; null when it has no index yet.</summary>
    public static PoolSeal? Of(string worktree, string adminDir, string head)
    {
        var index = new FileInfo(Path.Combine(adminDir, "index"));
        if (!index.Exists)
        {
            return null;
        }

        var folders = new List<(string, long)> { (".", Directory.GetLastWriteTimeUtc(worktree).Ticks) };
        folders.AddRange(Directory.EnumerateDirectories(worktree)
            .Select(d => (Path.GetFileName(d), Directory.GetLastWriteTimeUtc(d).Ticks))
            .Where(d => d.Item1 != ".git")
            .OrderBy(d => d.Item1, StringComparer.Ordinal));
        return new PoolSeal(head, index.Length, index.LastWriteTimeUtc.Ticks, folders);
    }

    /// <summary>Seals the worktree as it is now.</summary>
    public static void Write(string worktree, string adminDir, string head)
    {
        if (Of(worktree, adminDir, head) is { } seal)
        {
            var file = Path.Combine(adminDir, FileName);
            File.WriteAllText(file + ".tmp", seal.ToText());
            File.Move(file + ".tmp", file, overwrite: true);
        }
    }

    /// <summary>Whether the worktree still is as sealed at <paramref name="head"/>; false without a seal.</summary>
    public static bool Intact(string worktree, string adminDir, string head)
    {
        var file = Path.Combine(adminDir, FileName);
        return File.Exists(file) && Parse(File.ReadAllText(file)) is { } recorded && Of(worktree, adminDir, head) is { } now && recorded.SameAs(now);
    }

    /// <summary>A claimed worktree is the task's now: its old seal must never vouch for it again.</summary>
    public static void Break(string adminDir) => File.Delete(Path.Combine(adminDir, FileName));

    private bool SameAs(PoolSeal other) =>
        Head == other.Head && IndexLength == other.IndexLength && IndexTicks == other.IndexTicks && Folders.SequenceEqual(other.Folders);

    private string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"head {Head}\nindex {IndexLength} {IndexTicks}\n");
        foreach (var (folder, ticks) in Folders)
        {
            text.Append(CultureInfo.InvariantCulture, $"folder {ticks} {folder}\n");
        }

        return text.ToString();
    }

    private static PoolSeal? Parse(string text)
    {
        string? head = null;
        long length = -1;
        long ticks = -1;
        var folders = new List<(string, long)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "head" when parts.Length == 2:
                    head = parts[1];
                    break;
                case "index" when parts.Length == 3 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out length) && long.TryParse(parts[2], CultureInfo.InvariantCulture, out ticks):
                    break;
                case "folder" when parts.Length == 3 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var at):
                    folders.Add((parts[2], at));
                    break;
                default:
                    return null;
            }
        }

        return head is null || length < 0 ? null : new PoolSeal(head, length, ticks, folders);
    }
}
