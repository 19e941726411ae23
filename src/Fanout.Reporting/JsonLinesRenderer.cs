using Fanout.Journal;

namespace Fanout.Reporting;

/// <summary>One JSON object per line and per event (<c>--json</c>), versioned as docs/events.md describes (<c>schema</c>: <c>fanout.event/1</c>).</summary>
public sealed class JsonLinesRenderer(TextWriter output) : IRunRenderer
{
    public void Render(RunEvent runEvent) => output.WriteLine(RunEventJson.SerializeLine(runEvent));
}
