using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

using Fanout.Journal;
using Fanout.Reporting.Dashboard;

using Shouldly;

using Spectre.Console.Testing;

using Xunit;

namespace Fanout.Reporting.Tests;

/// <summary>
/// A real run's journal read one event at a time, as the dashboard and the plain lines read a live
/// run, against what status and the journal's snapshot say about the same events.
/// </summary>
public sealed partial class OneFoldTests(RealRunFixture fixture) : IClassFixture<RealRunFixture>
{
    private RealRun Real => fixture.Real;

    [Fact]
    public void Folding_a_real_run_event_by_event_reads_at_every_step_what_folding_the_journal_gives()
    {
        var events = Real.Events;
        var fold = new RunFold();

        for (var i = 0; i < events.Count; i++)
        {
            fold.Apply(events[i]);

            Json(fold.Snapshot).ShouldBe(Json(RunFold.Fold([.. events.Take(i + 1)])), $"after event {i}, {events[i].GetType().Name}");
        }

        // The lease is the journal's own record beside the events; everything else is the fold's.
        Json(fold.Snapshot).ShouldBe(Json(Real.Run with { Lease = null }), "the journal's own snapshot");
    }

    [Fact]
    public void The_dashboard_shows_the_setup_seconds_status_reports_while_the_run_is_live_and_once_it_finished()
    {
        var events = Real.Events;
        var goesOn = SetupGoesOn(events);
        var fold = new RunFold();

        for (var i = 0; i < events.Count; i++)
        {
            fold.Apply(events[i]);
            if (fold.Snapshot is not { } run)
            {
                continue;
            }

            // Between this event and the next, as a frame would be drawn.
            var now = events[i].At.AddSeconds(0.5);
            var (seconds, growing) = DashboardSetup(run, now);

            seconds.ShouldBe(StatusBuilder.Build(run, now).Run.Metrics.SetupSeconds, 0.051, $"after event {i}, {events[i].GetType().Name}");
            growing.ShouldBe(goesOn[i], $"after event {i}, {events[i].GetType().Name}: setup is over once every unfinished task was ready for its agent");
        }

        var end = Real.Run.EndedAt!.Value;
        goesOn.ShouldContain(true, "a live run's setup grows until the last agent could start");
        goesOn[^1].ShouldBeFalse();
        DashboardSetup(Real.Run, end.AddMinutes(1)).Seconds.ShouldBe(StatusBuilder.Build(Real.Run, end).Run.Metrics.SetupSeconds, 0.051);
    }

    [Fact]
    public void Plain_lines_time_every_phase_as_the_journal_snapshot_does()
    {
        var output = new StringWriter();
        var renderer = new PlainRenderer(output);

        foreach (var runEvent in Real.Events)
        {
            renderer.Render(runEvent);
        }

        var printed = PhaseEndLine().Matches(output.ToString())
            .Select(m => (Task: m.Groups["task"].Value, Phase: m.Groups["phase"].Value, Seconds: double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture)))
            .ToLookup(line => (line.Task, line.Phase), line => line.Seconds);
        var spans = Real.Run.Tasks
            .SelectMany(task => task.Phases.Where(span => span.EndedAt is not null).Select(span => (Task: task.Id, Span: span)))
            .ToLookup(x => (x.Task, x.Span.Phase.Name()), x => (x.Span.EndedAt!.Value - x.Span.StartedAt).TotalSeconds);

        printed.Count.ShouldBe(spans.Count);
        printed.Sum(group => group.Count()).ShouldBeGreaterThanOrEqualTo(3 * 5);
        foreach (var group in spans)
        {
            var lines = printed[group.Key].ToList();
            lines.Count.ShouldBe(group.Count(), $"{group.Key}");
            foreach (var (line, seconds) in lines.Zip(group))
            {
                // Two decimals under ten seconds, one above.
                line.ShouldBe(seconds, seconds < 10 ? 0.0051 : 0.051, $"{group.Key}");
            }
        }
    }

    /// <summary>
    /// After each event, whether setup is still going on, from the events alone: the run has not
    /// finished and some task seen so far has neither reached a wait or its agent nor finished.
    /// </summary>
    private static List<bool> SetupGoesOn(IReadOnlyList<RunEvent> events)
    {
        var notReady = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var finished = false;
        var after = new List<bool>();
        foreach (var runEvent in events)
        {
            switch (runEvent)
            {
                case TrackerRequested:
                    break;
                case PhaseStarted { Phase: Phase.Wait or Phase.Agent } e:
                    done.Add(e.TaskId);
                    notReady.Remove(e.TaskId);
                    break;
                case TaskStateChanged e when e.State.IsFinal():
                    done.Add(e.TaskId);
                    notReady.Remove(e.TaskId);
                    break;
                case TaskEvent e when !done.Contains(e.TaskId):
                    notReady.Add(e.TaskId);
                    break;
                case RunFinished:
                    finished = true;
                    break;
            }

            after.Add(!finished && notReady.Count > 0);
        }

        return after;
    }

    private static (double Seconds, bool Growing) DashboardSetup(RunSnapshot run, DateTimeOffset now)
    {
        using var console = new TestConsole().Width(160).Height(30);
        console.Write(DashboardView.Build(run, now, 160, 30));
        var match = SetupFigure().Match(console.Lines[0]);
        match.Success.ShouldBeTrue(console.Lines[0]);
        return (double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture), match.Groups["more"].Success);
    }

    private static string Json(RunSnapshot? run) => JsonSerializer.Serialize(run);

    [GeneratedRegex(@"setup (?<seconds>\d+\.\d) s(?<more>…)?")]
    private static partial Regex SetupFigure();

    [GeneratedRegex(@"^\S+ (?<task>\S+)\s+(?<phase>[a-z]+)\s+(?:succeeded|failed|cancelled) in (?<seconds>\d+\.\d+) s", RegexOptions.Multiline)]
    private static partial Regex PhaseEndLine();
}
