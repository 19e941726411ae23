using System.Runtime.CompilerServices;

namespace Fanout.Journal;

/// <summary>
/// Follows a run from the journal alone, as another process appends to it: everything so far,
/// then whatever comes, until the run has finished (a later resume is not waited for), or, when
/// <c>isAlive</c> is given, until its owner is gone with nothing more to say.
/// </summary>
public static class JournalFollower
{
    /// <summary>Quiet polls between two checks that the run's owner is still alive.</summary>
    private const int PollsPerAliveCheck = 4;

    public static async IAsyncEnumerable<RunEvent> FollowAsync(
        IJournal journal,
        string runId,
        TimeSpan pollInterval,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        Func<CancellationToken, Task<bool>>? isAlive = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        var seq = 0L;
        var finished = false;
        var quiet = 0;
        while (true)
        {
            var entries = await journal.EventsAfterAsync(runId, seq, cancellationToken);
            quiet = entries.Count == 0 ? quiet + 1 : 0;
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

            // An owner that died cannot finish the run: stop once it is gone and everything it wrote was read.
            if (isAlive is not null && quiet % PollsPerAliveCheck == 1 && !await isAlive(cancellationToken))
            {
                yield break;
            }

            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }
}
