using Fanout.Journal;

namespace Fanout.Reporting;

/// <summary>Draws a run's events; exactly one renderer owns the console during a run.</summary>
public interface IRunRenderer
{
    void Render(RunEvent runEvent);
}
