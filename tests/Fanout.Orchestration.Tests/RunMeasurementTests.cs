using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Processes;
using Fanout.TestSupport;
using Fanout.Trackers;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>What a run measures of itself (peak memory) and the slow tracker it can rehearse.</summary>
public sealed class RunMeasurementTests
{
    [Fact]
    public void The_peak_memory_of_this_process_can_be_read()
    {
        ProcessMemory.PeakBytes().ShouldNotBeNull().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_finished_run_records_the_peak_memory_of_the_fanout_process()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2));

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        run.PeakMemoryBytes.ShouldNotBeNull();
        MetricsCalculator.Compute(run, DateTimeOffset.UtcNow).PeakMemoryMB.ShouldNotBeNull().ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task A_negative_tracker_latency_is_refused_before_anything_exists()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1));
        var options = new RunOptions(Path.Combine(harness.Repository.Path, "fanout.yaml")) { TrackerLatency = TimeSpan.FromSeconds(-1) };

        await using var session = await harness.SessionAsync();
        var error = await Should.ThrowAsync<UserInputException>(() => RunPreparation.PrepareAsync(session, options, CancellationToken.None));

        error.Message.ShouldContain("--tracker-latency");
        Directory.Exists(Path.Combine(harness.Repository.Path, ".git", "fanout")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_tracker_latency_delays_the_opened_tracker_and_none_leaves_it_as_it_is()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1));
        await using var session = await harness.SessionAsync();

        await using var slow = await session.Trackers.OpenAsync(TrackerChoice.Local, TimeSpan.FromMilliseconds(250), CancellationToken.None);
        await using var plain = await session.Trackers.OpenAsync(TrackerChoice.Local, TimeSpan.Zero, CancellationToken.None);

        slow.ShouldBeOfType<DelayedTracker>().Latency.ShouldBe(TimeSpan.FromMilliseconds(250));
        slow.Name.ShouldBe("local");
        plain.ShouldBeOfType<LocalTracker>();
    }
}
