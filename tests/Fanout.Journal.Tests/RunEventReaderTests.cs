using System.Text.Json.Nodes;

using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

/// <summary>The fast reader the journal reads with agrees with the serializer on every event, and hands it what it does not know.</summary>
public sealed class RunEventReaderTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 15, 250, TimeSpan.FromHours(2));

    public static TheoryData<RunEvent> WithoutOptionalFields => new()
    {
        new PhaseStarted("r1", At, "a", Phase.Issue),
        new PhaseEnded("r1", At, "a", Phase.Merge, PhaseOutcome.Succeeded),
        new TaskStateChanged("r1", At, "a", TaskState.Provisioning),
        new TaskLinked("r1", At, "a", Branch: "fanout/r1/a"),
        new TaskFailed("r1", At, "a", Phase.Workspace, "no disk"),
        new TrackerRequested("r1", At, "a", "comment"),
        new RunFinished("r1", At, RunState.Cancelled, 130),
        new TaskRegistered("r1", At, "a", "A", []),
    };

    public static TheoryData<RunEvent> WithWhatAResumeNeeds => new()
    {
        new RunStarted("r1", At, Script.Info with { Agent = "codex", PullRequests = true, TrackerLatencyMs = 3000.5 }, 3, "retry"),
        new RunStarted("r1", At, Script.Info with { PullRequests = false }),
        new RunStarted("r1", At, Script.Info with { Remote = "ssh://git@example.test/app.git" }),
        new PhaseStarted("r1", At, "a", Phase.Agent, "claude", Worker: "worker-a"),
        new PhaseEnded("r1", At, "a", Phase.Verify, PhaseOutcome.Succeeded, Worker: "worker-a"),
        new TaskLinked("r1", At, "a", AgentSession: "5f1c-session", StartHead: "abc123"),
        new ProcessStarted("r1", At, "a", 4242, null, "npm test"),
    };

    [Theory]
    [MemberData(nameof(WithWhatAResumeNeeds))]
    public void The_fields_a_resume_reads_back_are_read_as_the_serializer_reads_them(RunEvent runEvent)
    {
        var json = RunEventJson.Serialize(runEvent);

        var read = RunEventReader.Read(json);

        RunEventJson.Serialize(read).ShouldBe(json);
        read.ShouldBe(RunEventJson.Deserialize(json));
    }

    [Fact]
    public void The_tasks_a_run_started_with_are_read_back()
    {
        var json = RunEventJson.Serialize(new RunStarted("r1", At, Script.Info with { TaskIds = ["a", "b"] }));

        var read = (RunStarted)RunEventReader.Read(json);

        read.Run.TaskIds.ShouldBe(["a", "b"]);
        RunEventJson.Serialize(read).ShouldBe(json);
    }

    [Theory]
    [MemberData(nameof(RunEventJsonTests.EveryKind), MemberType = typeof(RunEventJsonTests))]
    public void Every_event_kind_reads_back_as_the_serializer_reads_it(RunEvent runEvent, string kind)
    {
        var json = RunEventJson.Serialize(runEvent);

        var read = RunEventReader.Read(json);

        read.ShouldBeOfType(runEvent.GetType());
        RunEventJson.KindOf(read).ShouldBe(kind);
        RunEventJson.Serialize(read).ShouldBe(json);
        read.At.Offset.ShouldBe(At.Offset);
    }

    [Theory]
    [MemberData(nameof(WithoutOptionalFields))]
    public void Events_without_their_optional_fields_read_back_without_them(RunEvent runEvent)
    {
        var json = RunEventJson.Serialize(runEvent);

        RunEventJson.Serialize(RunEventReader.Read(json)).ShouldBe(json);
    }

    [Fact]
    public void Hand_written_json_in_another_order_with_a_schema_reads_as_the_serializer_reads_it()
    {
        const string Json = """{"taskId":"a","phase":"agent","at":"2025-03-01T09:30:15+00:00","schema":"fanout.events/1","runId":"r1","kind":"phaseStarted","extra":1}""";

        RunEventReader.Read(Json).ShouldBe(RunEventJson.Deserialize(Json));
    }

    [Theory]
    [InlineData("""{"kind":"phaseStarted","runId":"r1","at":"2025-03-01T09:30:15+00:00","taskId":"a","phase":"Agent"}""")]
    [InlineData("""{"kind":"phaseStarted","runId":"r1","at":"2025-03-01T09:30:15+00:00","taskId":"a","phase":"agent,verify"}""")]
    [InlineData("""{"kind":"runFinished","runId":"r1","at":"2025-03-01T09:30:15+00:00","state":"failed","exitCode":"1"}""")]
    [InlineData("""{"kind":"noSuchKind","runId":"r1","at":"2025-03-01T09:30:15+00:00"}""")]
    public void What_the_reader_does_not_know_is_the_serializer_s_to_accept_or_refuse(string json)
    {
        var expected = Record.Exception(() => RunEventJson.Deserialize(json));

        var actual = Record.Exception(() => RunEventReader.Read(json));

        actual?.GetType().ShouldBe(expected?.GetType());
        if (expected is null)
        {
            RunEventJson.Serialize(RunEventReader.Read(json)).ShouldBe(RunEventJson.Serialize(RunEventJson.Deserialize(json)));
        }
    }

    [Fact]
    public void With_any_one_field_dropped_the_reader_and_the_serializer_agree_on_every_kind()
    {
        foreach (var example in RunEventJsonTests.EveryKind.Select(row => (RunEvent)row[0]))
        {
            var written = JsonNode.Parse(RunEventJson.Serialize(example))!.AsObject().Select(p => p.Key).ToArray();
            foreach (var field in written)
            {
                var node = JsonNode.Parse(RunEventJson.Serialize(example))!.AsObject();
                node.Remove(field);
                var text = node.ToJsonString();

                Outcome(() => RunEventReader.Read(text)).ShouldBe(Outcome(() => RunEventJson.Deserialize(text)), $"{RunEventJson.KindOf(example)} without {field}");
            }
        }
    }

    private static string Outcome(Func<RunEvent> read)
    {
        try
        {
            return RunEventJson.Serialize(read());
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            return $"refused: {error.GetType().Name}";
        }
    }
}
