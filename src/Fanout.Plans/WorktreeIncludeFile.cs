using Fanout.Core;

namespace Fanout.Plans;

/// <summary>
/// The repository's <c>.worktreeinclude</c> (gitignored files each worktree gets a copy of), checked
/// when a plan loads like the plan's own <c>include:</c>: the file itself and every pattern in it
/// must stay inside the repository, so a run that would copy from elsewhere is refused before it starts.
/// </summary>
internal static class WorktreeIncludeFile
{
    public const string FileName = ".worktreeinclude";

    public static void Check(PlanPaths paths, ErrorSink errors)
    {
        var file = Path.Combine(paths.Root, FileName);
        var info = new FileInfo(file);
        if (!info.Exists && info.LinkTarget is null)
        {
            return;
        }

        var start = new SourcePosition(file, 1, 1);
        if (!paths.Check(file, paths.Root, start, $"'{FileName}'", errors))
        {
            return;
        }

        var text = PromptFiles.ReadText(file, out var problem);
        if (text is null)
        {
            errors.Add(start, $"'{FileName}' cannot be read: {problem ?? "it is not a file"}");
            return;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var pattern = line.Trim();
            if (pattern.Length > 0 && !pattern.StartsWith('#'))
            {
                paths.Pattern(pattern, new SourcePosition(file, i + 1, line.IndexOf(pattern[0], StringComparison.Ordinal) + 1), "pattern", errors);
            }
        }
    }
}
