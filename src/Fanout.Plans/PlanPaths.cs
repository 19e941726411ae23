using Fanout.Core;

namespace Fanout.Plans;

/// <summary>
/// The one place a path that came from a plan is resolved: a task's <c>file:</c>, <c>include:</c>
/// globs and <c>.worktreeinclude</c> lines, Contextune and ccpm task files, <c>files:</c> hints and
/// scripts a command names. Each is followed through every symbolic link and <c>..</c> and must lie
/// inside the repository; otherwise the plan is refused at the position that named it. Plans come
/// from pull requests, planning agents and folders other people wrote, so nothing they name may
/// make Fanout read a file from elsewhere.
/// </summary>
internal sealed class PlanPaths
{
    private const string Rule = "a plan may only name files inside the repository it runs in";

    private PlanPaths(string root, string realRoot)
    {
        Root = root;
        RealRoot = realRoot;
    }

    /// <summary>The repository's top folder, as given.</summary>
    public string Root { get; }

    /// <summary>The same folder with its own links resolved, which every path is compared with.</summary>
    public string RealRoot { get; }

    /// <summary>Confined to <paramref name="root"/> when given, else to the git top folder above the plan, else to the plan's folder.</summary>
    public static PlanPaths For(string? root, string planPath)
    {
        var full = Path.GetFullPath(root ?? RepositoryAbove(planPath));
        return new PlanPaths(full, RealPaths.Resolve(full) ?? full);
    }

    /// <summary>The folder holding <c>.git</c> (a folder, or a worktree's file) above the plan; else the plan's own folder.</summary>
    public static string RepositoryAbove(string planPath)
    {
        var full = Path.GetFullPath(planPath);
        var start = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || System.IO.File.Exists(git))
            {
                return folder.FullName;
            }
        }

        return start;
    }

    /// <summary>
    /// The full path of a file the plan names relative to <paramref name="folder"/>, or null (with an
    /// error at <paramref name="position"/>) when it is, or leads, outside the repository.
    /// </summary>
    /// <param name="what">How the message names it: "prompt file 'x' of task 'a'".</param>
    public string? File(string written, string folder, SourcePosition position, string what, ErrorSink errors)
    {
        return Check(written, folder, position, what, errors) ? Path.GetFullPath(written, folder) : null;
    }

    /// <summary>Whether <paramref name="written"/> (relative to <paramref name="folder"/>, or absolute) stays inside; an error when not.</summary>
    public bool Check(string written, string folder, SourcePosition position, string what, ErrorSink errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (written.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(position, $"{what} contains a NUL character; name a file by its path");
            return false;
        }

        var leads = RealPaths.Leads(written, folder).ToArray();
        if (leads.Any(l => l is null))
        {
            errors.Add(position, $"{what} goes through a loop of symbolic links; name the file itself");
            return false;
        }

        var real = leads.FirstOrDefault(l => !RealPaths.IsWithin(RealRoot, l!));
        if (real is null)
        {
            return true;
        }

        var lexical = Path.GetFullPath(written, folder);
        errors.Add(position, RealPaths.IsWithin(Root, lexical) || RealPaths.IsWithin(RealRoot, lexical)
            ? $"{what} leads through a symbolic link to {real}, outside the repository {Root}; {Rule}"
            : $"{what} is outside the repository {Root}; {Rule}");
        return false;
    }

    /// <summary>
    /// A glob of files to copy into worktrees (<c>include:</c>, <c>.worktreeinclude</c>): relative to the
    /// repository's top folder, no <c>..</c>, and the folders before its first wildcard inside.
    /// </summary>
    public bool Pattern(string glob, SourcePosition position, string what, ErrorSink errors)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(errors);
        var trimmed = glob.Trim();
        if (Path.IsPathRooted(trimmed) || trimmed.StartsWith('~'))
        {
            errors.Add(position, $"{what} '{glob}' is an absolute path; write it relative to the repository's top folder ({Root}); {Rule}");
            return false;
        }

        if (trimmed.Split('/', '\\').Contains(".."))
        {
            errors.Add(position, $"{what} '{glob}' climbs out with '..'; write it relative to the repository's top folder ({Root}); {Rule}");
            return false;
        }

        var literal = LiteralPrefix(trimmed);
        return literal.Length == 0 || Check(literal, Root, position, $"{what} '{glob}'", errors);
    }

    /// <summary>
    /// The paths a command names (<c>./scripts/setup.sh</c>, <c>[sh, tools/test.sh]</c>), resolved from the
    /// worktree's top, which holds the repository's files. Absolute paths name the machine's own programs
    /// (<c>/bin/sh</c>) and are left alone; what a shell string computes at run time cannot be known here.
    /// </summary>
    public void Command(CommandSpec? command, string what, ErrorSink errors)
    {
        if (command is null)
        {
            return;
        }

        var position = command.Position ?? new SourcePosition(Root, 1, 1);
        var words = command.Shell is { } script ? ShellWords(script) : command.Argv;
        foreach (var word in words.Where(IsRelativePath).Distinct(StringComparer.Ordinal))
        {
            if (!Check(word, Root, position, $"'{word}' in {what}", errors))
            {
                return;
            }
        }
    }

    private static bool IsRelativePath(string word) =>
        word.Length > 0 && !Path.IsPathRooted(word) && !word.StartsWith('-') && !word.StartsWith('~')
        && word.Contains('/', StringComparison.Ordinal) && !word.Contains('{', StringComparison.Ordinal)
        && !word.Contains("://", StringComparison.Ordinal) && !word.Contains('=', StringComparison.Ordinal);

    private static IEnumerable<string> ShellWords(string script) =>
        script.Split([' ', '\t', '\n', '\r', ';', '|', '&', '(', ')', '<', '>', '`'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\'', '"'));

    /// <summary>The folders of a glob before its first wildcard: "config/local/*.env" gives "config/local".</summary>
    private static string LiteralPrefix(string glob)
    {
        var parts = glob.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var literal = parts.TakeWhile(p => p.IndexOfAny(['*', '?', '[']) < 0).ToArray();
        return string.Join('/', literal);
    }
}
