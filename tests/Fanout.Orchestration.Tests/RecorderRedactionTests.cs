using System.Threading.Channels;

using Fanout.Core;
using Fanout.Journal;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>The recorder redacts every event before the journal and the live stream see it: status, reports and --json read only those.</summary>
public sealed class RecorderRedactionTests
{
    private const string Token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    private static readonly DateTimeOffset At = new(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Secrets_in_any_field_of_any_event_are_redacted_in_the_journal_and_the_stream()
    {
        using var folder = new TempDirectory();
        await using var journal = await SqliteJournal.OpenAsync(folder.Combine("journal.db"), CancellationToken.None);
        var live = Channel.CreateUnbounded<RunEvent>();
        var recorder = new RunRecorder(journal, TimeProvider.System, live.Writer, new Redactor(["planted-secret-value"]));

        await recorder.RecordAsync(new RunStarted("r1", At, new RunInfo("plan", "fanout.yaml", "/repo", "main", "abc", "overlap", "local", 2)));
        await recorder.RecordAsync(new TaskRegistered("r1", At, "a", $"Use {Token}", ["b"]));
        await recorder.RecordAsync(new AgentActivity("r1", At, "a", "tool", $"Bash curl -H 'Authorization: {Token}'"));
        await recorder.RecordAsync(new TaskFailed("r1", At, "a", Phase.Agent, "agent failed", "claude -p", 1, "error: key planted-secret-value refused"));

        var stored = await journal.EventsAsync("r1", CancellationToken.None);
        live.Writer.Complete();
        var streamed = await live.Reader.ReadAllAsync().ToArrayAsync();
        foreach (var events in new[] { stored, streamed })
        {
            var text = string.Join('\n', events.Select(RunEventJson.Serialize));
            text.ShouldNotContain(Token);
            text.ShouldNotContain("planted-secret-value");
            events.OfType<TaskRegistered>().Single().Title.ShouldBe($"Use ghp_{Redactor.Mark}");
            events.OfType<TaskRegistered>().Single().DependsOn.ShouldBe(["b"]);
            events.OfType<TaskFailed>().Single().StderrTail.ShouldBe($"error: key {Redactor.Mark} refused");
            events.OfType<TaskFailed>().Single().ExitCode.ShouldBe(1);
        }
    }

    [Fact]
    public async Task An_event_with_nothing_to_redact_is_passed_on_as_it_is()
    {
        using var folder = new TempDirectory();
        await using var journal = await SqliteJournal.OpenAsync(folder.Combine("journal.db"), CancellationToken.None);
        var live = Channel.CreateUnbounded<RunEvent>();
        var clean = new AgentActivity("r1", At, "a", "tool", "Read src/app.ts");

        await new RunRecorder(journal, TimeProvider.System, live.Writer, Redactor.Shapes).RecordAsync(clean);

        live.Reader.TryRead(out var streamed).ShouldBeTrue();
        streamed.ShouldBeSameAs(clean);
    }
}
