using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

public sealed class ConcurrentAppendTests : IDisposable
{
    private const int EventsPerTask = 10;

    private readonly TempDirectory _temp = new("fanout-journal");

    private string File => _temp.Combine("journal.db");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Fifty_workers_appending_at_once_lose_nothing_and_keep_their_order()
    {
        await using var journal = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        await journal.AppendAsync(new RunStarted("r1", Script.Start, Script.Info), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(() => WorkAsync(journal, "r1", $"task-{n}"))));

        AssertEveryTaskInOrder(await journal.EventsAsync("r1", CancellationToken.None), 50);
    }

    [Fact]
    public async Task Two_journals_on_one_file_appending_at_once_lose_nothing_and_keep_their_order()
    {
        await using var first = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        await using var second = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        await first.AppendAsync(new RunStarted("r1", Script.Start, Script.Info), CancellationToken.None);
        await second.AppendAsync(new RunStarted("r2", Script.Start.AddSeconds(1), Script.Info), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(n => Task.Run(() =>
            n % 2 == 0 ? WorkAsync(first, "r1", $"task-{n}") : WorkAsync(second, n % 4 == 1 ? "r1" : "r2", $"task-{n}"))));

        await using var reader = await SqliteJournal.OpenAsync(File, CancellationToken.None);
        AssertEveryTaskInOrder(await reader.EventsAsync("r1", CancellationToken.None), 30);
        AssertEveryTaskInOrder(await reader.EventsAsync("r2", CancellationToken.None), 10);
        (await reader.ListRunsAsync(10, CancellationToken.None)).Select(run => run.Id).ShouldBe(["r2", "r1"]);
    }

    [Fact]
    public async Task Several_processes_may_create_the_same_new_journal_at_once()
    {
        var journals = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteJournal.OpenAsync(File, CancellationToken.None))));
        try
        {
            await journals[0].AppendAsync(new RunStarted("r1", Script.Start, Script.Info), CancellationToken.None);

            (await journals[3].LoadRunAsync(null, CancellationToken.None))!.Id.ShouldBe("r1");
        }
        finally
        {
            foreach (var journal in journals)
            {
                await journal.DisposeAsync();
            }
        }
    }

    private static async Task WorkAsync(SqliteJournal journal, string runId, string taskId)
    {
        await journal.AppendAsync(new TaskRegistered(runId, Script.Start, taskId, taskId, []), CancellationToken.None);
        for (var step = 0; step < EventsPerTask; step++)
        {
            await journal.AppendAsync(new AgentActivity(runId, Script.At(step), taskId, "turn", $"{step}"), CancellationToken.None);
        }
    }

    private static void AssertEveryTaskInOrder(IReadOnlyList<RunEvent> events, int tasks)
    {
        events[0].ShouldBeOfType<RunStarted>();
        events.Count.ShouldBe(1 + (tasks * (EventsPerTask + 1)));
        var run = RunFold.Fold(events)!;
        run.Tasks.Count.ShouldBe(tasks);
        foreach (var task in run.Tasks)
        {
            var steps = events.OfType<AgentActivity>().Where(e => e.TaskId == task.Id).Select(e => int.Parse(e.Text, System.Globalization.CultureInfo.InvariantCulture));
            steps.ShouldBe(Enumerable.Range(0, EventsPerTask));
        }
    }
}
