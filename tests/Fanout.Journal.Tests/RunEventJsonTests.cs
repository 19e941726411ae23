using System.Text.Json;
using System.Text.Json.Nodes;

using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

public sealed class RunEventJsonTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 15, 250, TimeSpan.FromHours(2));

    public static TheoryData<RunEvent, string> EveryKind => new()
    {
        { new RunStarted("r1", At, Script.Info), "runStarted" },
        { new TaskRegistered("r1", At, "a", "Add the API client", ["b", "c"]), "taskRegistered" },
        { new PhaseStarted("r1", At, "a", Phase.Environment, "npm ci"), "phaseStarted" },
        { new PhaseEnded("r1", At, "a", Phase.Verify, PhaseOutcome.Cancelled), "phaseEnded" },
        { new TaskStateChanged("r1", At, "a", TaskState.Conflicted, "src/a.ts"), "taskStateChanged" },
        { new TaskLinked("r1", At, "a", 12, "https://example.test/12", "fanout/r1/a", "/wt/r1/a"), "taskLinked" },
        { new TaskFailed("r1", At, "a", Phase.Agent, "agent exited 2", "claude -p", 2, "boom\n"), "taskFailed" },
        { new AgentActivity("r1", At, "a", "tool", "Edit src/a.ts"), "agentActivity" },
        { new TrackerRequested("r1", At, "a", "ensureIssue", 4999), "trackerRequested" },
        { new RunFinished("r1", At, RunState.Succeeded, 0, 52_428_800), "runFinished" },
        { new MergeTested("r1", At, "fanout/r1/integration", "abc123", ["a", "b"], false, "make test", 2, "FAIL\n"), "mergeTested" },
        { new WorkspaceIntended("r1", At, "a", "fanout/r1/a", "/wt/r1/a"), "workspaceIntended" },
        { new IssueIntended("r1", At, "a", "local"), "issueIntended" },
        { new ProcessStarted("r1", At, "a", 4242, 98765, "claude"), "processStarted" },
        { new ProcessExited("r1", At, "a", 4242, 0), "processExited" },
        { new TaskResumed("r1", At, "a", 2, "agent"), "taskResumed" },
        { new PlanningStarted("r1", At, "Add a login page", "claude"), "planningStarted" },
        { new TaskAppeared("r1", At, "a", 3), "taskAppeared" },
        { new PlanningEnded("r1", At, PhaseOutcome.Succeeded, 5, "withdrawn and kept: b"), "planningEnded" },
        { new QuestionAsked("r1", At, "a", "q1", "Which port?"), "questionAsked" },
        { new QuestionAnswered("r1", At, "a", "q1", "8080", AnswerSource.MainAgent), "questionAnswered" },
        { new ProgressReported("r1", At, "a", "tests written"), "progressReported" },
        { new MergeLanded("r1", At, "release", ["a", "b"]), "mergeLanded" },
        { new IntegrationPreparing("r1", At, "/w/r1/_integration", "npm ci"), "integrationPreparing" },
        { new IntegrationPrepared("r1", At, PhaseOutcome.Failed, "setup failed", "npm ci", 127, "sh: npm: not found\n"), "integrationPrepared" },
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_event_kind_survives_a_round_trip(RunEvent runEvent, string kind)
    {
        var json = RunEventJson.Serialize(runEvent);
        var back = RunEventJson.Deserialize(json);

        back.ShouldBeOfType(runEvent.GetType());
        RunEventJson.KindOf(back).ShouldBe(kind);
        RunEventJson.Serialize(back).ShouldBe(json);
        back.At.ShouldBe(At);
        back.At.Offset.ShouldBe(At.Offset);
        if (runEvent is not (TaskRegistered or MergeTested or MergeLanded))
        {
            // Records holding a list compare it by reference; the rest compare by value.
            back.ShouldBe(runEvent);
        }
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_event_is_a_self_contained_object_that_starts_with_kind_run_and_time(RunEvent runEvent, string kind)
    {
        var json = JsonNode.Parse(RunEventJson.Serialize(runEvent))!.AsObject();

        json.Select(property => property.Key).Take(3).ShouldBe(["kind", "runId", "at"]);
        json["kind"]!.GetValue<string>().ShouldBe(kind);
        json["runId"]!.GetValue<string>().ShouldBe("r1");
        json["at"]!.GetValue<string>().ShouldBe("2025-03-01T09:30:15.25+02:00");
    }

    [Fact]
    public void Fields_are_camel_case_enums_are_camel_case_strings_and_nulls_are_left_out()
    {
        var json = RunEventJson.Serialize(new TaskFailed("r1", At, "api-client", Phase.Verify, "tests failed", ExitCode: 1));

        json.ShouldBe("""{"kind":"taskFailed","runId":"r1","at":"2025-03-01T09:30:15.25+02:00","taskId":"api-client","phase":"verify","message":"tests failed","exitCode":1}""");
    }

    [Fact]
    public void An_agent_activity_names_its_own_kind_apart_from_the_event_kind()
    {
        var json = RunEventJson.Serialize(new AgentActivity("r1", At, "a", "tool", "Edit src/a.ts"));

        json.ShouldContain("\"kind\":\"agentActivity\"");
        json.ShouldContain("\"activityKind\":\"tool\"");
    }

    [Fact]
    public void A_task_registration_keeps_its_dependencies()
    {
        var back = (TaskRegistered)RunEventJson.Deserialize(
            RunEventJson.Serialize(new TaskRegistered("r1", At, "a", "A", ["b", "c"])));

        back.DependsOn.ShouldBe(["b", "c"]);
    }

    [Fact]
    public void The_kind_need_not_come_first_when_reading()
    {
        var back = RunEventJson.Deserialize("""{"runId":"r1","at":"2025-03-01T09:30:15Z","kind":"runFinished","state":"cancelled","exitCode":130}""");

        back.ShouldBe(new RunFinished("r1", new DateTimeOffset(2025, 3, 1, 9, 30, 15, TimeSpan.Zero), RunState.Cancelled, 130));
    }

    [Fact]
    public void A_finish_written_before_peak_memory_was_recorded_still_reads()
    {
        var back = (RunFinished)RunEventJson.Deserialize("""{"kind":"runFinished","runId":"r1","at":"2025-03-01T09:30:15Z","state":"succeeded","exitCode":0}""");

        back.PeakMemoryBytes.ShouldBeNull();
        RunEventJson.Serialize(back).ShouldNotContain("peakMemoryBytes");
    }

    [Fact]
    public void An_unknown_kind_is_refused()
    {
        Should.Throw<JsonException>(() => RunEventJson.Deserialize("""{"kind":"taskExploded","runId":"r1","at":"2025-03-01T09:30:15Z"}"""));
    }
}
