using System.Threading.Channels;

using Fanout.Core;
using Fanout.Journal;

namespace Fanout.Orchestration;

/// <summary>
/// Writes each event to the journal, then hands it to the one console renderer. Workers await it,
/// so a transition is durable before the next step starts. Every event is redacted first, so no
/// secret reaches the journal, <c>--json</c>, status or a report.
/// </summary>
public sealed class RunRecorder(IJournal journal, TimeProvider time, ChannelWriter<RunEvent>? live = null, Redactor? redactor = null)
{
    private readonly Redactor _redactor = redactor ?? Redactor.FromProcess();

    public DateTimeOffset Now => time.GetUtcNow();

    public TimeProvider Time => time;

    /// <summary>
    /// Ignores cancellation on purpose: the journal must say how a cancelled run ended, and a
    /// journal write is short.
    /// </summary>
    public async Task RecordAsync(RunEvent runEvent)
    {
        runEvent = EventRedaction.Redact(runEvent, _redactor);
        await journal.AppendAsync(runEvent, CancellationToken.None);
        live?.TryWrite(runEvent);
    }
}
