using Microsoft.Extensions.Time.Testing;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class CheckoutGateTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Runs_no_more_checkouts_at_once_than_its_limit_and_hands_slots_out_in_turn()
    {
        var gate = new CheckoutGate(initial: 2, max: 2, _clock);
        var work = new Checkouts(gate, CheckoutGate.Checkout, 5);

        await Eventually(() => work.Started.Count == 2);
        gate.Running.ShouldBe(2);
        await work.FinishAsync(0);
        await Eventually(() => work.Started.Count == 3);
        await work.FinishAsync(1);
        await work.FinishAsync(2);
        await Eventually(() => work.Started.Count == 5);

        work.Started.ShouldBe([0, 1, 2, 3, 4]);
        gate.Running.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task Widens_while_checkouts_take_as_long_together_as_alone()
    {
        var gate = new CheckoutGate(initial: 2, max: 8, _clock);
        var work = new Checkouts(gate, CheckoutGate.Checkout, 12);

        // Every checkout takes one second however many run: the machine has room for more.
        for (var finished = 0; finished < 6; finished++)
        {
            await Eventually(() => work.Started.Count > finished);
            _clock.Advance(TimeSpan.FromSeconds(1));
            await work.FinishAsync(finished);
        }

        gate.Limit.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task Narrows_when_checkouts_slow_down_as_more_run_at_once()
    {
        var gate = new CheckoutGate(initial: 6, max: 8, _clock);
        var work = new Checkouts(gate, CheckoutGate.Checkout, 12);
        await Eventually(() => work.Started.Count == 6);

        // The first took a second; the ones that ran beside it four: they queued inside the machine.
        _clock.Advance(TimeSpan.FromSeconds(1));
        await work.FinishAsync(0);
        _clock.Advance(TimeSpan.FromSeconds(3));
        await work.FinishAsync(1);
        await work.FinishAsync(2);

        gate.Limit.ShouldBeLessThan(6);
    }

    [Fact]
    public async Task Judges_each_kind_of_work_against_its_own_kind()
    {
        var gate = new CheckoutGate(initial: 4, max: 8, _clock);
        var checks = new Checkouts(gate, CheckoutGate.Check, 1);
        await Eventually(() => checks.Started.Count == 1);
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        await checks.FinishAsync(0);

        // A full checkout takes far longer than a status check, and that is no sign of crowding.
        var work = new Checkouts(gate, CheckoutGate.Checkout, 1);
        await Eventually(() => work.Started.Count == 1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await work.FinishAsync(0);

        gate.Limit.ShouldBe(4);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_its_turn_to_the_next()
    {
        var gate = new CheckoutGate(initial: 1, max: 1, _clock);
        var first = new Checkouts(gate, CheckoutGate.Checkout, 1);
        await Eventually(() => first.Started.Count == 1);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.RunAsync(CheckoutGate.Checkout, _ => Task.CompletedTask, cancel.Token);
        var next = new Checkouts(gate, CheckoutGate.Checkout, 1);

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        await first.FinishAsync(0);

        await Eventually(() => next.Started.Count == 1);
        await next.FinishAsync(0);
        gate.Running.ShouldBe(0);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 5000 && !condition(); i++)
        {
            await Task.Delay(1);
        }

        condition().ShouldBeTrue();
    }

    /// <summary>Work items that start through the gate and end when the test says so.</summary>
    private sealed class Checkouts
    {
        private readonly TaskCompletionSource[] _ends;
        private readonly Task[] _items;
        private readonly List<int> _started = [];

        public Checkouts(CheckoutGate gate, string kind, int count)
        {
            _ends = [.. Enumerable.Range(0, count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
            _items = [.. Enumerable.Range(0, count).Select(i => gate.RunAsync(
                kind,
                async _ =>
                {
                    lock (_started)
                    {
                        _started.Add(i);
                    }

                    await _ends[i].Task;
                },
                CancellationToken.None))];
        }

        public IReadOnlyList<int> Started
        {
            get
            {
                lock (_started)
                {
                    return [.. _started];
                }
            }
        }

        /// <summary>Ends one, and waits until the gate has learnt from it.</summary>
        public async Task FinishAsync(int index)
        {
            _ends[index].TrySetResult();
            await _items[index];
        }
    }
}
