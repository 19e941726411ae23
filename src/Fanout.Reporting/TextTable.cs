namespace Fanout.Reporting;

/// <summary>Left-aligned columns padded to their widest cell; plain text that survives pipes and logs.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void Write(TextWriter output, string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(output);
        var all = _rows.Prepend(headers).ToArray();
        var widths = Enumerable.Range(0, headers.Length).Select(i => all.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }
}
