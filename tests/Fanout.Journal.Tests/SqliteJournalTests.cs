using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

/// <summary>What every journal store must do, whichever it is: the SQLite file and the shared PostgreSQL database run the same tests.</summary>
public abstract class JournalStoreTests : IAsyncLifetime
{
    /// <summary>Opens the store under test; a second call opens the same store again.</summary>
    protected abstract Task<IJournal> OpenAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Opening_creates_an_empty_journal()
    {
        await using var journal = await OpenAsync();

        (await journal.LoadRunAsync(null, CancellationToken.None)).ShouldBeNull();
        (await journal.ListRunsAsync(10, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Appended_events_come_back_in_order_and_fold_into_the_run()
    {
        var script = new Script().Started().Task("a").Phase("a", Phase.Issue, 1, 2).State("a", TaskState.Succeeded, 3)
            .Finished(RunState.Succeeded, 0, 4);
        await using var journal = await OpenAsync();
        foreach (var runEvent in script.Events)
        {
            await journal.AppendAsync(runEvent, CancellationToken.None);
        }

        var events = await journal.EventsAsync("r1", CancellationToken.None);
        events.Select(RunEventJson.Serialize).ShouldBe(script.Events.Select(RunEventJson.Serialize));
        var run = await journal.LoadRunAsync("r1", CancellationToken.None);
        run.ShouldNotBeNull();
        run.State.ShouldBe(RunState.Succeeded);
        run.ExitCode.ShouldBe(0);
        run.Tasks.Single().State.ShouldBe(TaskState.Succeeded);
    }

    [Fact]
    public async Task The_latest_run_is_the_one_that_started_last_and_runs_list_newest_first()
    {
        await using var journal = await OpenAsync();
        foreach (var (id, at) in new[] { ("old", 0), ("newest", 200), ("middle", 100) })
        {
            await AppendAllAsync(journal, new Script(id).Started(at));
        }

        (await journal.LoadRunAsync(null, CancellationToken.None))!.Id.ShouldBe("newest");
        (await journal.ListRunsAsync(10, CancellationToken.None)).Select(run => run.Id).ShouldBe(["newest", "middle", "old"]);
        (await journal.ListRunsAsync(2, CancellationToken.None)).Select(run => run.Id).ShouldBe(["newest", "middle"]);
        (await journal.LoadRunAsync("missing", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_follower_reads_only_what_came_after_its_position()
    {
        // Through the interface: a follower does not know which store it reads.
        await using IJournal journal = await OpenAsync();
        await AppendAllAsync(journal, new Script("r1").Started().Task("a"));
        await AppendAllAsync(journal, new Script("r2").Started(1));

        var all = await journal.EventsAfterAsync(null, 0, CancellationToken.None);
        var first = await journal.EventsAfterAsync("r1", 0, CancellationToken.None);
        await AppendAllAsync(journal, new Script("r1").State("a", TaskState.Running, 2));
        var next = await journal.EventsAfterAsync("r1", first[^1].Seq, CancellationToken.None);

        all.Count.ShouldBe(3);
        all.Select(entry => entry.Seq).ShouldBeInOrder(SortDirection.Ascending);
        first.Select(entry => entry.Event).ShouldAllBe(runEvent => runEvent.RunId == "r1");
        first.Count.ShouldBe(2);
        next.Single().Event.ShouldBeOfType<TaskStateChanged>().State.ShouldBe(TaskState.Running);
    }

    [Fact]
    public async Task Reopening_the_file_keeps_everything()
    {
        await using (var journal = await OpenAsync())
        {
            await AppendAllAsync(journal, new Script().Started().Task("a").Finished(RunState.Failed, 1, 9));
        }

        await using var reopened = await OpenAsync();
        var run = (await reopened.ListRunsAsync(1, CancellationToken.None)).Single();
        run.State.ShouldBe(RunState.Failed);
        run.EndedAt.ShouldBe(Script.At(9));
        run.Tasks.Single().Id.ShouldBe("a");
    }

    [Fact]
    public async Task A_journaled_phase_reads_back_with_the_worker_that_ran_it_and_the_run_with_its_remote()
    {
        var script = new Script()
            .Add(new RunStarted("r1", Script.At(0), Script.Info with { Remote = "git://10.77.0.1/app.git" }))
            .Task("a")
            .Add(new PhaseStarted("r1", Script.At(1), "a", Phase.Agent, Worker: "worker-b"))
            .Add(new PhaseEnded("r1", Script.At(2), "a", Phase.Agent, PhaseOutcome.Succeeded, Worker: "worker-b"));
        await using var journal = await OpenAsync();
        await AppendAllAsync(journal, script);

        var events = await journal.EventsAsync("r1", CancellationToken.None);

        ((RunStarted)events[0]).Run.Remote.ShouldBe("git://10.77.0.1/app.git");
        events.OfType<PhaseStarted>().Single().Worker.ShouldBe("worker-b");
        events.OfType<PhaseEnded>().Single().Worker.ShouldBe("worker-b");
        (await journal.LoadRunAsync("r1", CancellationToken.None))!.Tasks.Single().Worker.ShouldBe("worker-b");
        (await journal.EventsAfterAsync("r1", 0, CancellationToken.None)).Select(entry => entry.Event).OfType<PhaseStarted>().Single().Worker.ShouldBe("worker-b");
    }

    internal static async Task AppendAllAsync(IJournal journal, Script script)
    {
        foreach (var runEvent in script.Events)
        {
            await journal.AppendAsync(runEvent, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_renewed_lease_comes_back_with_the_run_and_the_latest_renewal_wins()
    {
        await using var journal = await OpenAsync();
        foreach (var e in new Script().Started().Task("a").Events)
        {
            await journal.AppendAsync(e, CancellationToken.None);
        }

        (await journal.LoadRunAsync("r1", CancellationToken.None))!.Lease.ShouldBeNull();
        await journal.RenewLeaseAsync("r1", new RunLease("host-a", 41, Script.At(2)), CancellationToken.None);
        await journal.RenewLeaseAsync("r1", new RunLease("host-a", 41, Script.At(4)), CancellationToken.None);

        var run = (await journal.LoadRunAsync("r1", CancellationToken.None))!;
        run.Lease.ShouldBe(new RunLease("host-a", 41, Script.At(4)));
        run.HeardFromAt.ShouldBe(Script.At(4), "the lease was renewed after the last event");
        (await journal.ListRunsAsync(10, CancellationToken.None)).Single().Lease.ShouldBe(run.Lease);
    }
}

/// <summary>The embedded store: one SQLite file under .git/fanout.</summary>
public sealed class SqliteJournalTests : JournalStoreTests, IDisposable
{
    private readonly TempDirectory _temp = new("fanout-journal");

    private string File => _temp.Combine(".git", "fanout", "journal.db");

    public void Dispose() => _temp.Dispose();

    protected override async Task<IJournal> OpenAsync() => await SqliteJournal.OpenAsync(File, CancellationToken.None);

    [Fact]
    public async Task Opening_creates_the_folder_and_the_file()
    {
        await using var journal = await OpenAsync();

        System.IO.File.Exists(File).ShouldBeTrue();
    }

    [Fact]
    public async Task A_journal_from_a_newer_fanout_is_refused()
    {
        await using (var journal = await SqliteJournal.OpenAsync(File, CancellationToken.None))
        {
        }

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={File};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Should.ThrowAsync<InvalidOperationException>(() => SqliteJournal.OpenAsync(File, CancellationToken.None));
        error.Message.ShouldContain("schema version 99");
    }
}
