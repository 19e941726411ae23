using System.Threading.Channels;

using Fanout.Journal;

namespace Fanout.Orchestration.Questions;

/// <summary>
/// What other processes write into a live run's journal — its agents' questions and progress, the
/// answers from <c>fanout answer</c> or the main agent — handed to the run's one renderer as it comes,
/// so the dashboard shows a task waiting for an answer while it waits.
/// </summary>
internal static class OutsideEvents
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task ForwardAsync(IJournal journal, string runId, TimeProvider time, ChannelWriter<RunEvent> live, CancellationToken cancellationToken)
    {
        var seq = 0L;
        try
        {
            while (true)
            {
                foreach (var entry in await journal.EventsAfterAsync(runId, seq, cancellationToken))
                {
                    seq = entry.Seq;
                    if (entry.Event is QuestionAsked or QuestionAnswered or ProgressReported)
                    {
                        live.TryWrite(entry.Event);
                    }
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over; whatever came last is in the journal.
        }
    }
}
