namespace Fanout.Processes;

public static class Tail
{
    /// <summary>The last <paramref name="lines"/> non-empty lines of <paramref name="text"/>.</summary>
    public static string Of(string text, int lines)
    {
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
