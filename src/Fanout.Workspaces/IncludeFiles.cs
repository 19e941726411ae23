using System.Text;
using System.Text.RegularExpressions;

using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>
/// Gitignored files (<c>.env</c>, local config) a worktree needs but a checkout cannot give it, named
/// by the plan's <c>include:</c> globs and the repository's <c>.worktreeinclude</c>. Tracked files
/// are never copied: the checkout already has them, at the base commit.
/// </summary>
public static class IncludeFiles
{
    public const string FileName = ".worktreeinclude";

    // Walking these would cost more than the whole setup; they come from the dependency cache instead.
    private static readonly string[] SkippedFolders = [".git", "node_modules", ".venv"];

    /// <summary>
    /// The plan's globs, then the <c>.worktreeinclude</c> lines (blank lines and <c>#</c> comments skipped).
    /// A <c>.worktreeinclude</c> that is a link out of the repository is not read, and a pattern that is
    /// absolute or climbs out with <c>..</c> is dropped: the plan loader refuses both, this is the last guard.
    /// </summary>
    public static IReadOnlyList<string> Patterns(string repositoryRoot, IEnumerable<string> planGlobs)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentNullException.ThrowIfNull(planGlobs);
        var file = Path.Combine(repositoryRoot, FileName);
        var lines = File.Exists(file) && RealPaths.IsConfined(repositoryRoot, file) ? File.ReadAllLines(file) : [];
        return planGlobs.Concat(lines)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && StaysInside(l))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Files under the repository root (relative, '/'-separated) that match a pattern and that git ignores.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string repositoryRoot, IReadOnlyList<string> patterns, IProcessRunner runner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0)
        {
            return [];
        }

        var matchers = patterns.Select(ToRegex).ToArray();
        var candidates = Walk(repositoryRoot, string.Empty)
            .Where(relative => matchers.Any(m => MatchesOrUnder(m, relative)))
            .ToArray();
        if (candidates.Length == 0)
        {
            return [];
        }

        var spec = new ProcessSpec("git", ["check-ignore", "--stdin", "-z"])
        {
            WorkingDirectory = repositoryRoot,
            StandardInput = string.Join('\0', candidates) + "\0",
            Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C", ["GIT_OPTIONAL_LOCKS"] = "0" },
        };
        var result = await runner.RunAsync(spec, cancellationToken);
        if (result.ExitCode is not 0 and not 1)
        {
            throw new GitResult(result).ToException();
        }

        // The runner hands output back as lines, so the last NUL is followed by a newline.
        return result.StandardOutput.Split('\0').Select(p => p.TrimStart('\n')).Where(p => p.Length > 0).ToArray();
    }

    /// <summary>
    /// Copies each file into the worktree unless it is there already (a rerun keeps the agent's version).
    /// Only regular files that really lie inside the repository are copied, never through a link: the
    /// walk skips links, and a file swapped for one since is skipped here. Returns those copied.
    /// </summary>
    public static IReadOnlyList<string> Copy(string repositoryRoot, string worktree, IReadOnlyList<string> files)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        ArgumentNullException.ThrowIfNull(files);
        var copied = new List<string>();
        foreach (var relative in files)
        {
            var target = Path.GetFullPath(Path.Combine(worktree, relative));
            var source = Path.GetFullPath(Path.Combine(repositoryRoot, relative));
            if (!WorkspaceNames.IsConfined(worktree, target) || File.Exists(target) || Directory.Exists(target)
                || !IsPlainFileInside(repositoryRoot, source) || !RealPaths.IsConfined(worktree, target))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            copied.Add(relative);
        }

        return copied;
    }

    private static bool StaysInside(string pattern) =>
        !Path.IsPathRooted(pattern) && !pattern.StartsWith('~') && !pattern.Split('/', '\\').Contains("..");

    /// <summary>A regular file (not a link) whose real path, every folder's link followed, is inside the repository.</summary>
    private static bool IsPlainFileInside(string repositoryRoot, string source)
    {
        var info = new FileInfo(source);
        return info.Exists && info.LinkTarget is null && RealPaths.IsConfined(repositoryRoot, source);
    }

    /// <summary>
    /// gitignore-like: <c>**</c> spans folders, <c>*</c> and <c>?</c> stay within one; a pattern without
    /// a slash matches a name at any depth; a folder's pattern takes everything under it.
    /// </summary>
    internal static Regex ToRegex(string glob)
    {
        var anchored = glob.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        var text = glob.Trim('/');
        var pattern = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var slash = i + 2 < text.Length && text[i + 2] == '/';
                pattern.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                pattern.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static bool MatchesOrUnder(Regex matcher, string relative)
    {
        for (var path = relative; path.Length > 0; path = path.LastIndexOf('/') is var cut and > 0 ? path[..cut] : string.Empty)
        {
            if (matcher.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Walk(string root, string relative)
    {
        var folder = relative.Length == 0 ? root : Path.Combine(root, relative);
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            var child = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            if (entry.LinkTarget is not null)
            {
                // A link could lead out of the repository; its target is not the repository's to hand out.
                continue;
            }

            if (entry is FileInfo)
            {
                yield return child;
            }
            else if (!SkippedFolders.Contains(entry.Name, StringComparer.Ordinal))
            {
                foreach (var nested in Walk(root, child))
                {
                    yield return nested;
                }
            }
        }
    }
}
