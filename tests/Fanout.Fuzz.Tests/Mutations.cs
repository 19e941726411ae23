using CsCheck;

namespace Fanout.Fuzz.Tests;

/// <summary>Text changed the way hostile or careless hands change it: characters YAML and JSON care about put in, pieces cut, copied or swapped.</summary>
internal static class Mutations
{
    /// <summary>Characters that mean something to YAML, JSON, shells or terminals, and a few that trip up decoders.</summary>
    public const string Specials = ":-[]{}&*!|>'\"#%@`,?\\ \t\r\n\u00a0\u202e\ufeff\u0000\u001b\ud800~$()<>;=/.0123456789aZ";

    private sealed record Edit(int Kind, double At, int Length, string Text);

    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.String[Gen.Char[Specials], 1, 8],
        Gen.OneOf("&a ", "*a", "&b [*a, *a, *a, *a]", "<<: *a", "!!binary ", "!!python/object:os.system ", "---\n", "...\n", "? ", ": ", "- ", "  ", "\t", "\r\n", "\ufeff", "%YAML 1.2\n", "{", "[", "\"\\u0000", "'", "|\n", ">-\n", "# ", "~", "null", "1e400", "-0", "99999999999", "../../etc/passwd", "/etc/passwd", "$(id)"),
        Gen.Int[1, 2000].Select(n => new string('[', n)),
        Gen.Int[1, 500].Select(n => string.Concat(Enumerable.Repeat("a: ", n))));

    private static readonly Gen<Edit> OneEdit = Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.Int[0, 200], Piece, (kind, at, length, text) => new Edit(kind, at, length, text));

    /// <summary>One of <paramref name="seeds"/> with up to <paramref name="maxEdits"/> edits.</summary>
    public static Gen<string> Of(IReadOnlyList<string> seeds, int maxEdits = 6) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], OneEdit.Array[0, maxEdits], (seed, edits) => edits.Aggregate(seeds[seed], Apply));

    private static string Apply(string text, Edit edit)
    {
        var at = (int)(edit.At * text.Length);
        var length = Math.Min(edit.Length, text.Length - at);
        return edit.Kind switch
        {
            0 => text.Insert(at, edit.Text),
            1 => text.Remove(at, length),
            2 => text.Insert(at, text.Substring(at, length)),
            3 => text.Remove(at, length).Insert(at, edit.Text),
            _ => SwapLines(text, at, edit.Length),
        };
    }

    private static string SwapLines(string text, int at, int other)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2)
        {
            return text;
        }

        var a = at % lines.Length;
        var b = other % lines.Length;
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }
}
