using Fanout.TestSupport;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests;

/// <summary>What the local tracker does whichever store holds it: the SQLite file and the shared PostgreSQL database run the same tests.</summary>
public abstract class LocalTrackerStoreTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Opens the store under test; a second call opens the same store again.</summary>
    protected abstract Task<ITracker> OpenAsync(TimeProvider time);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_ensured_issue_is_open_numbered_from_one_and_marked()
    {
        await using var tracker = await OpenAsync();

        var issue = await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "Add the client", "Write it.") { Labels = ["fanout", "api"] }, CancellationToken.None);

        tracker.Name.ShouldBe("local");
        issue.Number.ShouldBe(1);
        issue.Title.ShouldBe("Add the client");
        issue.State.ShouldBe(IssueState.Open);
        issue.CreatedAt.ShouldBe(Start);
        issue.Labels.ShouldBe(["fanout", "api"]);
        (issue.RunId, issue.TaskId).ShouldBe(("r1", "a"));
        IssueMarker.TryParse(issue.Body, out var runId, out var taskId).ShouldBeTrue();
        (runId, taskId).ShouldBe(("r1", "a"));
        issue.Body.ShouldStartWith("Write it.");
    }

    [Fact]
    public async Task Creating_the_same_task_issue_twice_yields_one_issue()
    {
        await using var tracker = await OpenAsync();

        var first = await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "First title", "Body"), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "Second title", "Other"), CancellationToken.None);
        var otherRun = await tracker.EnsureIssueAsync(new IssueRequest("r2", "a", "Same task, next run", "Body"), CancellationToken.None);

        second.ShouldBe(first);
        second.Title.ShouldBe("First title");
        otherRun.Number.ShouldBe(2);
    }

    [Fact]
    public async Task Comments_and_closing_are_kept_and_closing_twice_is_fine()
    {
        await using var tracker = await OpenAsync();
        var issue = await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "A", "Body"), CancellationToken.None);

        await tracker.CommentAsync(issue.Number, "Started on fanout/r1/a", CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(30));
        await tracker.CloseAsync(issue.Number, "Merged", CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(30));
        await tracker.CloseAsync(issue.Number, null, CancellationToken.None);

        var closed = await tracker.GetAsync(issue.Number, CancellationToken.None);
        closed.ShouldNotBeNull();
        closed.State.ShouldBe(IssueState.Closed);
        closed.ClosedAt.ShouldBe(Start.AddSeconds(30));
        var comments = await tracker.CommentsAsync(issue.Number, CancellationToken.None);
        comments.Select(comment => comment.Body).ShouldBe(["Started on fanout/r1/a", "Merged"]);
        comments.ShouldAllBe(comment => comment.IssueNumber == issue.Number);
        comments[1].CreatedAt.ShouldBe(Start.AddSeconds(30));
    }

    [Fact]
    public async Task Listing_is_newest_first_and_filters_by_run()
    {
        await using var tracker = await OpenAsync();
        foreach (var (run, task) in new[] { ("r1", "a"), ("r2", "a"), ("r1", "b") })
        {
            await tracker.EnsureIssueAsync(new IssueRequest(run, task, $"{run} {task}", "Body"), CancellationToken.None);
        }

        (await tracker.ListAsync(null, CancellationToken.None)).Select(issue => issue.Number).ShouldBe([3, 2, 1]);
        (await tracker.ListAsync("r1", CancellationToken.None)).Select(issue => issue.TaskId).ShouldBe(["b", "a"]);
        (await tracker.ListAsync("r3", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_issue_is_not_found()
    {
        await using var tracker = await OpenAsync();

        (await tracker.GetAsync(42, CancellationToken.None)).ShouldBeNull();
        var error = await Should.ThrowAsync<TrackerNotFoundException>(() => tracker.CommentAsync(42, "Hello", CancellationToken.None));
        error.Message.ShouldBe("issue #42 not found in the local tracker");
        await Should.ThrowAsync<TrackerNotFoundException>(() => tracker.CloseAsync(42, null, CancellationToken.None));
        await Should.ThrowAsync<TrackerNotFoundException>(() => tracker.CommentsAsync(42, CancellationToken.None));
    }

    [Fact]
    public async Task An_issue_without_a_title_is_refused()
    {
        await using var tracker = await OpenAsync();

        await Should.ThrowAsync<TrackerValidationException>(() => tracker.EnsureIssueAsync(new IssueRequest("r1", "a", " ", "Body"), CancellationToken.None));
    }

    [Fact]
    public async Task Every_call_counts_as_a_request()
    {
        await using var tracker = await OpenAsync();
        var issue = await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "A", "Body"), CancellationToken.None);
        await tracker.CommentAsync(issue.Number, "Hi", CancellationToken.None);
        await tracker.GetAsync(issue.Number, CancellationToken.None);
        await tracker.CommentsAsync(issue.Number, CancellationToken.None);
        await tracker.ListAsync(null, CancellationToken.None);
        await tracker.CloseAsync(issue.Number, null, CancellationToken.None);
        await tracker.GetAsync(9, CancellationToken.None);
        await Should.ThrowAsync<TrackerNotFoundException>(() => tracker.CommentAsync(9, "x", CancellationToken.None));

        tracker.RequestCount.ShouldBe(8);
    }

    [Fact]
    public async Task Reopening_the_file_keeps_issues_and_continues_the_numbering()
    {
        await using (var tracker = await OpenAsync())
        {
            await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "A", "Body"), CancellationToken.None);
        }

        await using var reopened = await OpenAsync();
        (await reopened.GetAsync(1, CancellationToken.None))!.Title.ShouldBe("A");
        (await reopened.EnsureIssueAsync(new IssueRequest("r1", "b", "B", "Body"), CancellationToken.None)).Number.ShouldBe(2);
    }

    protected Task<ITracker> OpenAsync() => OpenAsync(Time);

    [Fact]
    public async Task Fifty_tasks_ensured_at_once_get_fifty_issues_numbered_one_to_fifty()
    {
        await using var tracker = await OpenAsync(TimeProvider.System);

        var issues = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(() =>
            tracker.EnsureIssueAsync(new IssueRequest("r1", $"task-{n}", $"Task {n}", "Body"), CancellationToken.None))));

        issues.Select(issue => issue.Number).Order().ShouldBe(Enumerable.Range(1, 50));
        issues.Select(issue => issue.TaskId).Distinct().Count().ShouldBe(50);
        (await tracker.ListAsync("r1", CancellationToken.None)).Count.ShouldBe(50);
        tracker.RequestCount.ShouldBe(51);
    }

    [Fact]
    public async Task Twenty_ensures_of_one_task_from_two_trackers_on_one_store_make_one_issue()
    {
        await using var first = await OpenAsync(TimeProvider.System);
        await using var second = await OpenAsync(TimeProvider.System);

        var issues = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(() =>
            (n % 2 == 0 ? first : second).EnsureIssueAsync(new IssueRequest("r1", "a", $"Attempt {n}", "Body"), CancellationToken.None))));

        issues.Select(issue => issue.Number).Distinct().ShouldBe([1]);
        (await first.ListAsync(null, CancellationToken.None)).Count.ShouldBe(1);
        (await second.EnsureIssueAsync(new IssueRequest("r1", "b", "B", "Body"), CancellationToken.None)).Number.ShouldBe(2);
    }
}

/// <summary>The embedded store: one SQLite file under .git/fanout.</summary>
public sealed class LocalTrackerTests : LocalTrackerStoreTests, IDisposable
{
    private readonly TempDirectory _temp = new("fanout-tracker");

    private string File => _temp.Combine(".git", "fanout", "tracker.db");

    public void Dispose() => _temp.Dispose();

    protected override async Task<ITracker> OpenAsync(TimeProvider time) => await LocalTracker.OpenAsync(File, time, CancellationToken.None);
}

/// <summary>The shared store of runs spread over machines, each test in a database of its own.</summary>
public sealed class PostgresTrackerTests : LocalTrackerStoreTests
{
    private PostgresTestDatabase? _database;

    public override async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<ITracker> OpenAsync(TimeProvider time) =>
        await Fanout.Storage.Postgres.PostgresTracker.OpenAsync((_database ?? throw new InvalidOperationException("not initialised")).ConnectionString, time, CancellationToken.None);
}
