using Fanout.Journal;

namespace Fanout.Reporting;

/// <summary>One JSON object per line and per event (<c>--json</c>), in the journal's own event schema.</summary>
public sealed class JsonLinesRenderer(TextWriter output) : IRunRenderer
{
    public void Render(RunEvent runEvent) => output.WriteLine(RunEventJson.Serialize(runEvent));
}
