using System.Text;

namespace Fanout.Planning;

/// <summary>Writes text as YAML that reads back as exactly that text, whatever the planner put in it.</summary>
internal static class YamlScalars
{
    /// <summary>A double-quoted scalar: "yes", "1.0" and "a: b" stay strings.</summary>
    public static string Quoted(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// A literal block (<c>|-</c>) indented by <paramref name="indent"/>, so a long prompt reads as
    /// written; text a block cannot hold exactly (leading spaces, trailing blanks, control characters) is quoted instead.
    /// </summary>
    public static string Block(string value, int indent)
    {
        var lines = value.ReplaceLineEndings("\n").Split('\n');
        var exact = value.Length > 0 && !value.Contains('\r', StringComparison.Ordinal)
            && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
            && lines.All(line => line.Length == 0 || !char.IsWhiteSpace(line[^1]))
            && value.All(c => c == '\n' || !char.IsControl(c));
        if (!exact)
        {
            return Quoted(value);
        }

        var pad = new string(' ', indent);
        return "|-\n" + string.Join('\n', lines.Select(line => line.Length == 0 ? string.Empty : pad + line));
    }

    public static string List(IReadOnlyList<string> items) => "[" + string.Join(", ", items.Select(Quoted)) + "]";
}
