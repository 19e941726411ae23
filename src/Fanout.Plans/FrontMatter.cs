namespace Fanout.Plans;

/// <summary>A Markdown file split into its YAML front matter (between <c>---</c> lines) and its body.</summary>
internal sealed record FrontMatter(string? Yaml, int YamlFirstLine, string Body, bool Unclosed)
{
    public static FrontMatter Split(string text)
    {
        var firstEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstEnd < 0 || text[..firstEnd].TrimEnd() != "---")
        {
            return new FrontMatter(null, 0, text, Unclosed: false);
        }

        var position = firstEnd + 1;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var lineEnd = end < 0 ? text.Length : end;
            if (text[position..lineEnd].TrimEnd() is "---" or "...")
            {
                var body = end < 0 ? string.Empty : text[(end + 1)..];
                return new FrontMatter(text[(firstEnd + 1)..position], 2, body, Unclosed: false);
            }

            position = lineEnd + 1;
        }

        return new FrontMatter(null, 0, text, Unclosed: true);
    }

    /// <summary>The text of the first <c># heading</c> of the body, if any.</summary>
    public string? FirstHeading()
    {
        foreach (var line in Body.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("# ", StringComparison.Ordinal))
            {
                var heading = trimmed[2..].TrimEnd('#').Trim();
                return heading.Length > 0 ? heading : null;
            }
        }

        return null;
    }

    /// <summary>The body without the blank lines that usually follow the closing <c>---</c>.</summary>
    public string Prompt => Body.TrimStart('\r', '\n');
}
