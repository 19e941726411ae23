using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests;

public sealed class ConcurrentEnsureTests : IDisposable
{
    private readonly TempDirectory _temp = new("fanout-tracker");

    private string File => _temp.Combine("tracker.db");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Fifty_tasks_ensured_at_once_get_fifty_issues_numbered_one_to_fifty()
    {
        await using var tracker = await LocalTracker.OpenAsync(File, TimeProvider.System, CancellationToken.None);

        var issues = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(() =>
            tracker.EnsureIssueAsync(new IssueRequest("r1", $"task-{n}", $"Task {n}", "Body"), CancellationToken.None))));

        issues.Select(issue => issue.Number).Order().ShouldBe(Enumerable.Range(1, 50));
        issues.Select(issue => issue.TaskId).Distinct().Count().ShouldBe(50);
        (await tracker.ListAsync("r1", CancellationToken.None)).Count.ShouldBe(50);
        tracker.RequestCount.ShouldBe(51);
    }

    [Fact]
    public async Task Twenty_ensures_of_one_task_from_two_trackers_on_one_file_make_one_issue()
    {
        await using var first = await LocalTracker.OpenAsync(File, TimeProvider.System, CancellationToken.None);
        await using var second = await LocalTracker.OpenAsync(File, TimeProvider.System, CancellationToken.None);

        var issues = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(() =>
            (n % 2 == 0 ? first : second).EnsureIssueAsync(new IssueRequest("r1", "a", $"Attempt {n}", "Body"), CancellationToken.None))));

        issues.Select(issue => issue.Number).Distinct().ShouldBe([1]);
        (await first.ListAsync(null, CancellationToken.None)).Count.ShouldBe(1);
        (await second.EnsureIssueAsync(new IssueRequest("r1", "b", "B", "Body"), CancellationToken.None)).Number.ShouldBe(2);
    }
}
