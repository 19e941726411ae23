using System.Text.RegularExpressions;

using Fanout.Core;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

internal static partial class YamlText
{
    /// <summary>
    /// Parses one YAML document; null when it is empty or broken (then an error is recorded).
    /// <paramref name="firstLine"/> is where the text starts in its file, so a block cut from a larger
    /// file (Markdown front matter) reports the file's own line numbers.
    /// </summary>
    public static YamlNode? Parse(string text, YamlSource source, ErrorSink errors, int firstLine = 1)
    {
        var padded = firstLine > 1 ? new string('\n', firstLine - 1) + text : text;
        var stream = new YamlStream();
        var parser = new BoundedParser(new Parser(new StringReader(padded)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlLimitException e)
        {
            errors.Add(source.At(e.Start), e.Message);
            return null;
        }
        catch (YamlException e)
        {
            // At the end of the text YamlDotNet may point one line past it; point at the last line instead.
            var line = (int)Math.Min(e.Start.Line, LastLine(padded));
            var column = line == e.Start.Line ? (int)e.Start.Column : 1;
            errors.Add(new SourcePosition(source.DisplayPath, Math.Max(1, line), Math.Max(1, column)), $"YAML syntax error: {Reason(e)}; fix the YAML at this position");
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet's document model throws this, without a position, on a parsing event it cannot
            // place (aliases as merge keys run together: "<<: *a<<: *a"); the parser knows where it stopped.
            var at = parser.Current is { } current ? source.At(current.Start) : new SourcePosition(source.DisplayPath, LastLine(padded), 1);
            errors.Add(at, "YAML syntax error: a key, value or alias where none can stand; fix the YAML at this position");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, without a position, when the text ends inside
            // an open flow collection; the end of the text is where the closing bracket is missing.
            errors.Add(new SourcePosition(source.DisplayPath, LastLine(padded), 1), "YAML syntax error: the text ends inside an unclosed '[' or '{'; close it");
            return null;
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static int LastLine(string text) => text.TrimEnd().Count(c => c == '\n') + 1;

    // YamlDotNet prefixes its messages with both marks; the position is reported separately.
    private static string Reason(YamlException e)
    {
        var reason = MarkPrefix().Replace(e.Message, string.Empty).Trim().TrimEnd('.');
        return reason.Length == 0 ? "the file is not valid YAML" : char.ToLowerInvariant(reason[0]) + reason[1..];
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
