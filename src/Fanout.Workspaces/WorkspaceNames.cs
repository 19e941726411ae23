using System.Globalization;
using System.Text;

namespace Fanout.Workspaces;

/// <summary>Branch and folder names for a task, built only from sanitised components.</summary>
public static class WorkspaceNames
{
    public const int MaxComponentLength = 64;

    private const string Empty = "unnamed";

    /// <summary><c>fanout/&lt;run&gt;/&lt;task&gt;</c>, or <c>fanout/&lt;run&gt;/&lt;issue&gt;-&lt;task&gt;</c> with an issue.</summary>
    public static string Branch(string runId, string taskId, int? issue = null) =>
        $"fanout/{SanitizeComponent(runId)}/{Leaf(taskId, issue)}";

    /// <summary><c>&lt;root&gt;/&lt;run&gt;/&lt;task&gt;</c>, or <c>&lt;root&gt;/&lt;run&gt;/&lt;issue&gt;-&lt;task&gt;</c> with an issue.</summary>
    /// <exception cref="ArgumentException">The folder would not be inside <paramref name="worktreeRoot"/>.</exception>
    public static string Directory(string worktreeRoot, string runId, string taskId, int? issue = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktreeRoot);
        var path = Path.GetFullPath(Path.Combine(worktreeRoot, SanitizeComponent(runId), Leaf(taskId, issue)));
        return IsConfined(worktreeRoot, path)
            ? path
            : throw new ArgumentException($"{path} is not inside the worktree root {worktreeRoot}", nameof(taskId));
    }

    /// <summary>
    /// One path component that git accepts in a branch name and a shell accepts unquoted: letters,
    /// digits, <c>.</c>, <c>_</c> and <c>-</c>. Stricter than git, whose rules allow <c>$</c>, quotes
    /// and the like, which break the scripts agents run in the folder. Case is kept.
    /// </summary>
    public static string SanitizeComponent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var allowed = Rune.IsLetterOrDigit(rune) || rune.Value is '.' or '_' or '-';
            var replacement = allowed ? rune.ToString() : "-";

            // Runs of '-' collapse, and runs of '.' too, since git forbids "..".
            if (replacement is "-" or "." && kept.Length > 0 && kept[^1] == replacement[0])
            {
                continue;
            }

            kept.Append(replacement);
        }

        var name = Trim(kept.ToString());
        if (name.Length > MaxComponentLength)
        {
            var cut = MaxComponentLength;
            if (char.IsLowSurrogate(name[cut]))
            {
                cut--;
            }

            name = Trim(name[..cut]);
        }

        return name.Length > 0 ? name : Empty;
    }

    /// <summary>Whether <paramref name="path"/> (relative paths are taken from <paramref name="root"/>) lies strictly inside root.</summary>
    public static bool IsConfined(string root, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, fullRoot));
        var prefix = fullRoot.EndsWith(Path.DirectorySeparatorChar) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return fullPath.Length > prefix.Length && fullPath.StartsWith(prefix, comparison);
    }

    private static string Leaf(string taskId, int? issue)
    {
        if (issue is null)
        {
            return SanitizeComponent(taskId);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(issue.Value, nameof(issue));
        return SanitizeComponent(issue.Value.ToString(CultureInfo.InvariantCulture) + "-" + SanitizeComponent(taskId));
    }

    /// <summary>git refuses a component that starts with '.', ends with '.' or ".lock"; leading '-' reads as an option.</summary>
    private static string Trim(string name)
    {
        string before;
        do
        {
            before = name;
            name = name.Trim('-', '.');
            if (name.EndsWith(".lock", StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^".lock".Length];
            }
        }
        while (name != before);
        return name;
    }
}
