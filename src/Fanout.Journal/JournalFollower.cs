using System.Runtime.CompilerServices;

namespace Fanout.Journal;

/// <summary>
/// Follows a run from the journal alone, as another process appends to it: everything so far,
/// then whatever comes, until the run has finished (a later resume is not waited for).
/// </summary>
public static class JournalFollower
{
    public static async IAsyncEnumerable<RunEvent> FollowAsync(
        IJournal journal,
        string runId,
        TimeSpan pollInterval,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        var seq = 0L;
        var finished = false;
        while (true)
        {
            var entries = await journal.EventsAfterAsync(runId, seq, cancellationToken);
            foreach (var entry in entries)
            {
                seq = entry.Seq;
                finished = entry.Event switch
                {
                    RunFinished => true,
                    RunStarted => false,
                    _ => finished,
                };
                yield return entry.Event;
            }

            if (finished)
            {
                yield break;
            }

            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }
}
