namespace Fanout.Plans;

/// <summary>Reads prompts kept in files next to the plan.</summary>
internal static class PromptFiles
{
    /// <summary>The full path of <paramref name="relativePath"/> taken from <paramref name="folder"/>.</summary>
    public static string Resolve(string folder, string relativePath) => Path.GetFullPath(Path.Combine(folder, relativePath));

    /// <summary>A plan or a prompt is text a person wrote; a bigger file is not one, and is not read into memory.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>The file's text, or null with <paramref name="problem"/> null when it does not exist, or set when it cannot be read.</summary>
    public static string? ReadText(string fullPath, out string? problem)
    {
        problem = null;
        if (!File.Exists(fullPath))
        {
            return null;
        }

        try
        {
            var length = new FileInfo(fullPath).Length;
            if (length > MaxBytes)
            {
                problem = $"it holds {length / 1024} KB; a plan or prompt file may hold at most {MaxBytes / 1024} KB";
                return null;
            }

            return File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// The prompt in a file's text. Markdown front matter is metadata for other tools (issue
    /// templates, planners), not part of what the agent is asked, so it is dropped.
    /// </summary>
    public static string Prompt(string fullPath, string text)
    {
        var isMarkdown = fullPath.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            || fullPath.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);
        var split = isMarkdown ? FrontMatter.Split(text) : null;
        return split?.Yaml is null ? text : split.Prompt;
    }
}
