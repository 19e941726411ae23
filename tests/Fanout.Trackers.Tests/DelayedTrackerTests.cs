using Fanout.TestSupport;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests;

public sealed class DelayedTrackerTests : IDisposable
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Enough = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _temp = new("fanout-delayed");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Every_request_waits_the_latency_before_it_reaches_the_tracker()
    {
        await using var tracker = await OpenAsync();
        var ct = CancellationToken.None;

        var issue = await DelayedAsync(() => tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "Add the client", "Body"), ct));
        await DelayedAsync(async () => { await tracker.CommentAsync(issue.Number, "working", ct); return 0; });
        (await DelayedAsync(() => tracker.CommentsAsync(issue.Number, ct))).Select(c => c.Body).ShouldBe(["working"]);
        await DelayedAsync(async () => { await tracker.CloseAsync(issue.Number, "done", ct); return 0; });
        (await DelayedAsync(() => tracker.GetAsync(issue.Number, ct)))!.State.ShouldBe(IssueState.Closed);
        (await DelayedAsync(() => tracker.ListAsync("r1", ct))).Single().Number.ShouldBe(issue.Number);

        tracker.Name.ShouldBe("local");
        tracker.RequestCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Requests_started_together_wait_together_not_one_after_another()
    {
        await using var tracker = await OpenAsync();

        var first = tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "A", "Body"), CancellationToken.None);
        var second = tracker.EnsureIssueAsync(new IssueRequest("r1", "b", "B", "Body"), CancellationToken.None);
        _time.Advance(Latency);
        var issues = await Task.WhenAll(first, second).WaitAsync(Enough);

        issues.Select(i => i.TaskId).ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task A_cancelled_wait_sends_nothing()
    {
        await using var tracker = await OpenAsync();
        using var cancel = new CancellationTokenSource();

        var pending = tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "A", "Body"), cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => pending);
        tracker.RequestCount.ShouldBe(0);
    }

    /// <summary>Starts a request, checks it is still waiting just short of the latency, then lets it through.</summary>
    private async Task<T> DelayedAsync<T>(Func<Task<T>> request)
    {
        var pending = request();
        _time.Advance(Latency - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        pending.IsCompleted.ShouldBeFalse("the request went through before the latency had passed");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return await pending.WaitAsync(Enough);
    }

    private async Task<DelayedTracker> OpenAsync()
    {
        // The inner tracker keeps real time: only the simulated round trip runs on the fake clock.
        var inner = await LocalTracker.OpenAsync(_temp.Combine("tracker.db"), TimeProvider.System, CancellationToken.None);
        return new DelayedTracker(inner, Latency, _time);
    }
}
