using System.Net;

using Fanout.Trackers.GitHub;

using Microsoft.Extensions.Time.Testing;

using Octokit;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests.GitHub;

public sealed class GovernorTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Six_hundred_back_to_back_mutations_keep_a_second_apart_and_500_an_hour()
    {
        var starts = Simulate(GitHubPacing.Default, 600);

        starts.Zip(starts.Skip(1), (a, b) => b - a).Min().ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        MostInAnyWindow(starts, TimeSpan.FromMinutes(1)).ShouldBeLessThanOrEqualTo(80);
        MostInAnyWindow(starts, TimeSpan.FromHours(1)).ShouldBe(500);
        (starts[500] - starts[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Without_the_interval_the_minute_cap_still_holds_80()
    {
        var starts = Simulate(GitHubPacing.Default with { MinInterval = TimeSpan.Zero }, 200);

        MostInAnyWindow(starts, TimeSpan.FromMinutes(1)).ShouldBe(80);
        (starts[80] - starts[0]).ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_batch_counts_one_creation_per_issue_against_the_minute_and_waits_for_room_for_all_of_them()
    {
        // 75 creations in the last minute, one a second from Start: a batch of 10 fits only once 5 of them have left it.
        var starts = Enumerable.Range(0, 75).Select(i => Start.AddSeconds(i * 0.5)).ToArray();
        var now = Start.AddSeconds(40);

        GitHubPacing.Default.EarliestStart(starts, null, DateTimeOffset.MinValue, now, weight: 5).ShouldBe(now);
        GitHubPacing.Default.EarliestStart(starts, null, DateTimeOffset.MinValue, now, weight: 10).ShouldBe(starts[4].AddMinutes(1));
        Should.Throw<ArgumentOutOfRangeException>(() => GitHubPacing.Default.EarliestStart(starts, null, DateTimeOffset.MinValue, now, weight: 81));
    }

    [Fact]
    public async Task A_batch_of_ten_takes_ten_places_in_the_window_of_the_mutations_after_it()
    {
        var time = new FakeTimeProvider(Start);
        using var governor = new GitHubGovernor(GitHubPacing.Default with { MinInterval = TimeSpan.Zero, PerMinute = 12 }, time);

        await governor.MutateAsync<string>("batch", _ => Task.FromResult("ten"), null, CancellationToken.None, weight: 10);
        await governor.MutateAsync<string>("two", _ => Task.FromResult("two"), null, CancellationToken.None, weight: 2);
        var third = governor.MutateAsync<string>("one more", _ => Task.FromResult("late"), null, CancellationToken.None);
        await Task.Delay(50);

        governor.MutationStarts.Count.ShouldBe(12);
        third.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromMinutes(1));
        (await third).ShouldBe("late");
    }

    [Fact]
    public void A_pause_github_asked_for_outlasts_the_pacing()
    {
        var blocked = Start.AddSeconds(30);

        GitHubPacing.Default.EarliestStart([Start], Start, blocked, Start.AddSeconds(2)).ShouldBe(blocked);
    }

    [Fact]
    public async Task Queued_mutations_go_one_at_a_time_a_second_apart_while_reads_are_not_held_back()
    {
        var time = new FakeTimeProvider(Start);
        using var governor = new GitHubGovernor(GitHubPacing.Default, time);
        var sent = new List<DateTimeOffset>();
        var mutations = Enumerable.Range(0, 3)
            .Select(i => governor.MutateAsync<string>($"m{i}", _ => Record(sent, time, $"m{i}"), null, CancellationToken.None))
            .ToArray();
        await WaitUntilAsync(() => sent.Count == 1);

        var read = await governor.ReadAsync("read", _ => Task.FromResult(time.GetUtcNow()), CancellationToken.None);

        read.ShouldBe(Start);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        sent.Count.ShouldBe(1);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => sent.Count == 2);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(mutations);
        sent.ShouldBe([Start, Start.AddSeconds(1), Start.AddSeconds(2)]);
    }

    [Fact]
    public async Task A_mutation_that_failed_without_a_clear_answer_is_looked_up_and_not_sent_again_when_it_was_done()
    {
        var time = new FakeTimeProvider(Start);
        using var governor = new GitHubGovernor(GitHubPacing.Default, time);
        var sends = 0;
        var lookups = 0;

        var result = governor.MutateAsync(
            "create",
            _ =>
            {
                sends++;
                return Task.FromException<string>(new ApiException("Server Error", HttpStatusCode.BadGateway));
            },
            _ =>
            {
                lookups++;
                return Task.FromResult<string?>("found");
            },
            CancellationToken.None);
        await WaitUntilAsync(() => sends == 1);
        time.Advance(TimeSpan.FromSeconds(1));

        (await result).ShouldBe("found");
        (sends, lookups).ShouldBe((1, 1));
    }

    [Fact]
    public async Task A_secondary_limit_without_retry_after_holds_every_request_for_a_minute_then_sends_again()
    {
        var time = new FakeTimeProvider(Start);
        using var governor = new GitHubGovernor(GitHubPacing.Default, time);
        var sent = new List<DateTimeOffset>();
        // The refusal is thrown synchronously, so the governor is holding requests before the read is queued.
        var result = governor.MutateAsync<string>(
            "create",
            _ =>
            {
                var first = sent.Count == 0;
                var recorded = Record(sent, time, "ok");
                return first ? throw new ApiException("You have exceeded a secondary rate limit.", HttpStatusCode.Forbidden) : recorded;
            },
            null,
            CancellationToken.None);
        var read = governor.ReadAsync("read", _ => Task.FromResult(time.GetUtcNow()), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(50);
        read.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        (await result).ShouldBe("ok");
        (await read).ShouldBe(Start.AddMinutes(1));
        sent.ShouldBe([Start, Start.AddMinutes(1)]);
    }

    [Fact]
    public async Task A_refusal_that_never_ends_becomes_a_rate_limited_error_with_its_reset_time()
    {
        var time = new FakeTimeProvider(Start);
        using var governor = new GitHubGovernor(GitHubPacing.Default with { MaxWait = TimeSpan.FromSeconds(30) }, time);

        var error = await Should.ThrowAsync<TrackerRateLimitedException>(() => governor.MutateAsync<string>(
            "create",
            _ => throw new ApiException("You have exceeded a secondary rate limit.", HttpStatusCode.Forbidden),
            null,
            CancellationToken.None));

        error.ResetAt.ShouldBe(Start.AddMinutes(1));
    }

    private static Task<string> Record(List<DateTimeOffset> sent, TimeProvider time, string result)
    {
        lock (sent)
        {
            sent.Add(time.GetUtcNow());
        }

        return Task.FromResult(result);
    }

    private static List<DateTimeOffset> Simulate(GitHubPacing pacing, int count)
    {
        var starts = new List<DateTimeOffset>();
        var now = Start;
        for (var i = 0; i < count; i++)
        {
            now = pacing.EarliestStart(starts, starts.Count == 0 ? null : now, DateTimeOffset.MinValue, now);
            starts.Add(now);
        }

        return starts;
    }

    private static int MostInAnyWindow(List<DateTimeOffset> starts, TimeSpan window) =>
        starts.Select((s, i) => starts.Skip(i).TakeWhile(t => t < s + window).Count()).Max();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue();
    }
}
