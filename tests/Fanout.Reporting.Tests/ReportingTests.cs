using Fanout.Journal;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

public sealed class ReportingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_counts_every_state_and_reports_per_phase_seconds()
    {
        var status = StatusBuilder.Build(Snapshot(), T0.AddSeconds(10));

        status.Run.Counts["total"].ShouldBe(2);
        status.Run.Counts["succeeded"].ShouldBe(1);
        status.Run.Counts["failed"].ShouldBe(1);
        status.Run.Metrics.ErrorRate.ShouldBe(0.5);
        var api = status.Tasks.Single(t => t.Id == "api");
        api.PhaseSeconds["workspace"].ShouldBe(2);
        api.PhaseSeconds["agent"].ShouldBe(3);
        status.Tasks.Single(t => t.Id == "ui").Error!.Phase.ShouldBe("agent");
    }

    [Fact]
    public void Status_json_is_camel_case()
    {
        var json = StatusBuilder.Build(Snapshot(), T0.AddSeconds(10)).ToJson();

        json.ShouldContain("\"setupSeconds\"");
        json.ShouldContain("\"parallelEfficiency\"");
        json.ShouldContain("\"phaseSeconds\"");
        json.ShouldContain("\"state\": \"succeeded\"");
    }

    [Fact]
    public void Status_json_gives_the_peak_memory_of_a_finished_run_in_megabytes_and_null_before()
    {
        var finished = StatusBuilder.Build(Snapshot() with { PeakMemoryBytes = 50 << 20 }, T0.AddSeconds(10)).ToJson();
        var running = StatusBuilder.Build(Snapshot() with { EndedAt = null, State = RunState.Running, PeakMemoryBytes = null }, T0.AddSeconds(10)).ToJson();

        finished.ShouldContain("\"peakMemoryMB\": 50");
        running.ShouldContain("\"peakMemoryMB\": null");
    }

    [Fact]
    public void The_summary_names_failures_and_where_their_logs_are()
    {
        var output = new StringWriter();

        RunSummary.Write(output, StatusBuilder.Build(Snapshot(), T0.AddSeconds(10)));

        var text = output.ToString();
        text.ShouldContain("1/2 tasks succeeded");
        text.ShouldContain("ui: failed in agent: agent exited with code 2 | boom");
        text.ShouldContain("fanout logs ui --run r1");
    }

    [Fact]
    public void Plain_lines_say_how_long_each_phase_took()
    {
        var output = new StringWriter();
        var renderer = new PlainRenderer(output);

        renderer.Render(new PhaseStarted("r1", T0, "api", Phase.Workspace));
        renderer.Render(new PhaseEnded("r1", T0.AddSeconds(1.5), "api", Phase.Workspace, PhaseOutcome.Succeeded));

        output.ToString().ShouldContain("api                  workspace   succeeded in 1.50 s");
    }

    [Fact]
    public void Plain_lines_time_a_phase_end_from_the_span_it_closes_as_the_fold_pairs_them()
    {
        var output = new StringWriter();
        var renderer = new PlainRenderer(output);
        var events = new RunEvent[]
        {
            new PhaseStarted("r1", T0, "api", Phase.Verify),
            new PhaseStarted("r1", T0.AddSeconds(1), "api", Phase.Verify),
            new PhaseEnded("r1", T0.AddSeconds(3), "api", Phase.Verify, PhaseOutcome.Failed),
            new PhaseEnded("r1", T0.AddSeconds(4.5), "api", Phase.Verify, PhaseOutcome.Succeeded),
        };

        foreach (var runEvent in events)
        {
            renderer.Render(runEvent);
        }

        // The earliest open span ends first, so the first end is three seconds after the first start.
        var text = output.ToString();
        text.ShouldContain("api                  verify      failed in 3.00 s");
        text.ShouldContain("api                  verify      succeeded in 3.50 s");
    }

    [Fact]
    public void Json_lines_are_one_event_per_line()
    {
        var output = new StringWriter();

        new JsonLinesRenderer(output).Render(new TaskStateChanged("r1", T0, "api", TaskState.Running));

        var line = output.ToString().TrimEnd();
        line.ShouldNotContain("\n");
        line.ShouldContain("\"kind\":\"taskStateChanged\"");
    }

    private static RunSnapshot Snapshot()
    {
        var info = new RunInfo("plan", "fanout.yaml", "/repo", "main", "abc", "overlap", "local", 2);
        var api = new TaskSnapshot("api", "API", TaskState.Succeeded)
        {
            Phases =
            [
                new PhaseSpan(Phase.Issue, T0, T0.AddSeconds(1), PhaseOutcome.Succeeded, null),
                new PhaseSpan(Phase.Workspace, T0, T0.AddSeconds(2), PhaseOutcome.Succeeded, null),
                new PhaseSpan(Phase.Agent, T0.AddSeconds(2), T0.AddSeconds(5), PhaseOutcome.Succeeded, null),
            ],
            StartedAt = T0,
            EndedAt = T0.AddSeconds(5),
            Branch = "fanout/r1/api",
            Issue = 1,
        };
        var ui = new TaskSnapshot("ui", "UI", TaskState.Failed)
        {
            Phases = [new PhaseSpan(Phase.Workspace, T0, T0.AddSeconds(2), PhaseOutcome.Succeeded, null), new PhaseSpan(Phase.Agent, T0.AddSeconds(2), T0.AddSeconds(3), PhaseOutcome.Failed, null)],
            Failure = new TaskFailed("r1", T0.AddSeconds(3), "ui", Phase.Agent, "agent exited with code 2", "sh -c x", 2, "boom"),
            StartedAt = T0,
            EndedAt = T0.AddSeconds(3),
        };
        return new RunSnapshot("r1", info, RunState.Failed, T0, T0.AddSeconds(6), 1) { Tasks = [api, ui] };
    }
}
