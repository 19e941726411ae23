using Fanout.Storage.Postgres;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

/// <summary>The shared store of runs spread over machines: the same tests against PostgreSQL, each in a database of its own.</summary>
public sealed class PostgresJournalTests : JournalStoreTests
{
    private PostgresTestDatabase? _database;

    private string Connection => (_database ?? throw new InvalidOperationException("not initialised")).ConnectionString;

    public override async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IJournal> OpenAsync() => await PostgresJournal.OpenAsync(Connection, CancellationToken.None);

    [Fact]
    public async Task Events_appended_from_many_connections_at_once_come_back_in_commit_order_with_no_gap_a_follower_could_skip()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await JournalStoreTests.AppendAllAsync(first, new Script("r1").Started());

        var seen = new List<long>();
        var writing = Task.WhenAll(Enumerable.Range(0, 40).Select(n => Task.Run(() =>
            (n % 2 == 0 ? first : second).AppendAsync(new TaskStateChanged("r1", Script.At(n), $"t{n}", TaskState.Running), CancellationToken.None))));
        long after = 0;
        while (!writing.IsCompleted || seen.Count < 41)
        {
            foreach (var entry in await first.EventsAfterAsync("r1", after, CancellationToken.None))
            {
                seen.Add(entry.Seq);
                after = entry.Seq;
            }

            if (writing.IsFaulted)
            {
                await writing;
            }
        }

        seen.Count.ShouldBe(41, "a follower polling while others append sees every event once");
        seen.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task A_postgres_url_opens_the_same_database()
    {
        var keywords = new Npgsql.NpgsqlConnectionStringBuilder(Connection);
        var url = $"postgres://{Uri.EscapeDataString(keywords.Username!)}:{Uri.EscapeDataString(keywords.Password ?? string.Empty)}@{keywords.Host}:{keywords.Port}/{keywords.Database}";
        await using (var journal = await OpenAsync())
        {
            await JournalStoreTests.AppendAllAsync(journal, new Script("r1").Started());
        }

        await using var byUrl = await PostgresJournal.OpenAsync(url, CancellationToken.None);
        (await byUrl.LoadRunAsync(null, CancellationToken.None))!.Id.ShouldBe("r1");
    }

    [Fact]
    public void A_connection_string_that_does_not_parse_is_bad_input_that_never_quotes_the_password()
    {
        var error = Should.Throw<Fanout.Core.UserInputException>(() => PostgresDatabase.Parse("Host=x;Password=hunter2;Bogus Key=1"));

        error.Message.ShouldNotContain("hunter2");
        error.Message.ShouldContain("--db");
    }
}
