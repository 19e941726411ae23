using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.TestSupport;
using Fanout.Workspaces;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>A journaled <c>running</c> run is live only while its owner is: it holds the run lock here, or renews its lease elsewhere.</summary>
public sealed class LivenessTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task A_run_whose_lock_no_process_holds_is_interrupted_and_ends_when_it_was_last_heard_from()
    {
        using var repository = await GitRepository.CreateAsync();
        var paths = await RepositoryLocator.LocateAsync(repository.Path, Processes.ProcessRunner.Instance, CancellationToken.None);

        var judged = await RunLiveness.JudgeAsync(Running(new RunLease(RunLiveness.Host, 1, Now.AddSeconds(-20))), paths, Now, CancellationToken.None);

        judged.State.ShouldBe(RunState.Interrupted);
        (judged.InterruptedAt, judged.EndedAt).ShouldBe((Now.AddSeconds(-20), Now.AddSeconds(-20)));
    }

    [Fact]
    public async Task A_run_whose_lock_is_held_stays_running_however_old_its_lease()
    {
        using var repository = await GitRepository.CreateAsync();
        var paths = await RepositoryLocator.LocateAsync(repository.Path, Processes.ProcessRunner.Instance, CancellationToken.None);
        await using var held = await RepositoryLock.AcquireAsync(paths.RunLockFile("r1"), CancellationToken.None);

        var judged = await RunLiveness.JudgeAsync(Running(new RunLease(RunLiveness.Host, 1, Now.AddMinutes(-30))), paths, Now, CancellationToken.None);

        judged.State.ShouldBe(RunState.Running);
    }

    [Fact]
    public async Task A_run_owned_by_another_machine_lives_by_its_lease()
    {
        using var repository = await GitRepository.CreateAsync();
        var paths = await RepositoryLocator.LocateAsync(repository.Path, Processes.ProcessRunner.Instance, CancellationToken.None);

        var fresh = await RunLiveness.JudgeAsync(Running(new RunLease("worker-b", 7, Now.AddSeconds(-3))), paths, Now, CancellationToken.None);
        var stale = await RunLiveness.JudgeAsync(Running(new RunLease("worker-b", 7, Now - RunLiveness.LeaseTimeout - TimeSpan.FromSeconds(1))), paths, Now, CancellationToken.None);

        fresh.State.ShouldBe(RunState.Running);
        stale.State.ShouldBe(RunState.Interrupted);
    }

    [Fact]
    public async Task A_finished_run_is_left_as_it_ended()
    {
        using var repository = await GitRepository.CreateAsync();
        var paths = await RepositoryLocator.LocateAsync(repository.Path, Processes.ProcessRunner.Instance, CancellationToken.None);
        var failed = Running(null) with { State = RunState.Failed, EndedAt = Now };

        (await RunLiveness.JudgeAsync(failed, paths, Now, CancellationToken.None)).ShouldBe(failed);
    }

    private static RunSnapshot Running(RunLease? lease) =>
        new("r1", new RunInfo("p", "fanout.yaml", "/repo", "main", "abc", "overlap", "local", 2), RunState.Running, Now.AddMinutes(-1), null, null)
        {
            Lease = lease,
            LastHeardAt = Now.AddSeconds(-25),
        };
}
