using System.Threading.Channels;

using Fanout.Journal;

namespace Fanout.Orchestration;

/// <summary>
/// Writes each event to the journal, then hands it to the one console renderer. Workers await it,
/// so a transition is durable before the next step starts.
/// </summary>
public sealed class RunRecorder(IJournal journal, TimeProvider time, ChannelWriter<RunEvent>? live = null)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public TimeProvider Time => time;

    /// <summary>
    /// Ignores cancellation on purpose: the journal must say how a cancelled run ended, and a
    /// journal write is short.
    /// </summary>
    public async Task RecordAsync(RunEvent runEvent)
    {
        await journal.AppendAsync(runEvent, CancellationToken.None);
        live?.TryWrite(runEvent);
    }
}
