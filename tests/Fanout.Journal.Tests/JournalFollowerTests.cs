using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

public sealed class JournalFollowerTests : IDisposable
{
    private readonly TempDirectory _temp = new("fanout-follow");

    private string File => _temp.Combine("journal.db");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Follows_what_another_writer_appends_and_stops_when_the_run_finishes()
    {
        var script = new Script().Started().Task("a").Phase("a", Phase.Issue, 1, 2).State("a", TaskState.Succeeded, 3).Finished(RunState.Succeeded, 0, 4);
        var other = new Script("r2").Started().Task("x");
        await using var writer = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        await using var reader = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        await writer.AppendAsync(script.Events[0], CancellationToken.None);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var seen = new List<RunEvent>();

        var follow = Task.Run(
            async () =>
            {
                await foreach (var runEvent in JournalFollower.FollowAsync(reader, "r1", TimeSpan.FromMilliseconds(10), TimeProvider.System, guard.Token))
                {
                    lock (seen)
                    {
                        seen.Add(runEvent);
                    }
                }
            },
            CancellationToken.None);
        foreach (var runEvent in other.Events.Concat(script.Events.Skip(1)))
        {
            await writer.AppendAsync(runEvent, CancellationToken.None);
            await Task.Yield();
        }

        await follow;
        seen.Select(RunEventJson.Serialize).ShouldBe(script.Events.Select(RunEventJson.Serialize));
    }

    [Fact]
    public async Task A_resumed_run_is_followed_past_its_earlier_finish()
    {
        var script = new Script().Started().Finished(RunState.Cancelled, 130, 1).Started(2).Task("a").Finished(RunState.Succeeded, 0, 3);
        await using var journal = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        foreach (var runEvent in script.Events)
        {
            await journal.AppendAsync(runEvent, CancellationToken.None);
        }

        var seen = new List<RunEvent>();
        await foreach (var runEvent in JournalFollower.FollowAsync(journal, "r1", TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None))
        {
            seen.Add(runEvent);
        }

        seen.Count.ShouldBe(script.Events.Count);
        seen[^1].ShouldBeOfType<RunFinished>().ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Follows_any_journal_through_its_interface_not_only_sqlite()
    {
        var script = new Script().Started().Task("a").State("a", TaskState.Succeeded, 1).Finished(RunState.Succeeded, 0, 2);
        IJournal journal = new MemoryJournal();
        await journal.AppendAsync(new Script("r2").Started().Events[0], CancellationToken.None);
        foreach (var runEvent in script.Events)
        {
            await journal.AppendAsync(runEvent, CancellationToken.None);
        }

        var seen = new List<RunEvent>();
        await foreach (var runEvent in JournalFollower.FollowAsync(journal, "r1", TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None))
        {
            seen.Add(runEvent);
        }

        seen.ShouldBe(script.Events);
    }

    [Fact]
    public async Task Cancelling_ends_a_follow_of_a_run_that_never_finishes()
    {
        await using var journal = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        await journal.AppendAsync(new Script().Started().Events[0], CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var seen = 0;

        var follow = async () =>
        {
            await foreach (var runEvent in JournalFollower.FollowAsync(journal, "r1", TimeSpan.FromMilliseconds(10), TimeProvider.System, cancel.Token))
            {
                seen++;
                await cancel.CancelAsync();
            }
        };

        await follow.ShouldThrowAsync<OperationCanceledException>();
        seen.ShouldBe(1);
    }
}
