using System.Diagnostics;

using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class RepositoryLockTests
{
    // Only a guard against a hung test, never a measured limit.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Admits_one_thread_at_a_time()
    {
        using var folder = new TempDirectory();
        var lockFile = folder.Combine("locks", "worktrees.lock");
        var inside = 0;
        var most = 0;
        var entered = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await using (await RepositoryLock.AcquireAsync(lockFile, CancellationToken.None))
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref most, now);
                    await Task.Yield();
                    Interlocked.Increment(ref entered);
                    Interlocked.Decrement(ref inside);
                }
            }
        })));

        most.ShouldBe(1);
        entered.ShouldBe(320);
    }

    [Fact]
    public async Task Records_the_holder_for_diagnostics()
    {
        using var folder = new TempDirectory();
        var lockFile = folder.Combine("worktrees.lock");

        await (await RepositoryLock.AcquireAsync(lockFile, CancellationToken.None)).DisposeAsync();

        var owner = (await File.ReadAllTextAsync(lockFile)).Split(' ');
        owner[0].ShouldBe(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        owner[1].ShouldBe(Environment.MachineName);
        DateTimeOffset.TryParse(owner[2], System.Globalization.CultureInfo.InvariantCulture, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Stops_waiting_for_another_thread_when_cancelled()
    {
        using var folder = new TempDirectory();
        var lockFile = folder.Combine("worktrees.lock");
        await using var held = await RepositoryLock.AcquireAsync(lockFile, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => RepositoryLock.AcquireAsync(lockFile, cancel.Token));
    }

    [Fact]
    public async Task Is_the_same_kernel_lock_that_flock_takes()
    {
        using var folder = new TempDirectory();
        var lockFile = folder.Combine("worktrees.lock");

        await using (await RepositoryLock.AcquireAsync(lockFile, CancellationToken.None))
        {
            (await TryFlockAsync(lockFile)).ShouldBe(1, "flock(1) must see our lock as taken");
        }

        (await TryFlockAsync(lockFile)).ShouldBe(0, "releasing must release the kernel lock");
    }

    [Fact]
    public async Task Waits_while_another_process_holds_the_lock_and_takes_it_when_that_process_exits()
    {
        using var folder = new TempDirectory();
        var lockFile = folder.Combine("worktrees.lock");

        // The child holds the lock until its standard input closes, so the test decides when it exits.
        using var holder = StartHolder(lockFile, "cat");
        await WaitUntilHeldElsewhereAsync(lockFile);
        var acquiring = RepositoryLock.AcquireAsync(lockFile, CancellationToken.None);
        await Task.Delay(200);
        acquiring.IsCompleted.ShouldBeFalse("the child still holds the lock");

        holder.StandardInput.Close();

        await using (await acquiring.WaitAsync(Patience))
        {
            await holder.WaitForExitAsync();
            holder.ExitCode.ShouldBe(0);
        }
    }

    [Fact]
    public async Task A_killed_holder_leaves_no_stale_lock()
    {
        using var folder = new TempDirectory();
        var lockFile = folder.Combine("worktrees.lock");
        using var holder = StartHolder(lockFile, "cat");
        await WaitUntilHeldElsewhereAsync(lockFile);
        var acquiring = RepositoryLock.AcquireAsync(lockFile, CancellationToken.None);
        await Task.Delay(200);
        acquiring.IsCompleted.ShouldBeFalse("the child still holds the lock");

        holder.Kill(entireProcessTree: true);

        await using (await acquiring.WaitAsync(Patience))
        {
            await holder.WaitForExitAsync();
            holder.ExitCode.ShouldNotBe(0);
        }
    }

    [Fact]
    public async Task Stops_waiting_for_another_process_when_cancelled()
    {
        using var folder = new TempDirectory();
        var lockFile = folder.Combine("worktrees.lock");
        using var holder = StartHolder(lockFile, "cat");
        try
        {
            await WaitUntilHeldElsewhereAsync(lockFile);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            await Should.ThrowAsync<OperationCanceledException>(() => RepositoryLock.AcquireAsync(lockFile, cancel.Token));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
        }

        await using (await RepositoryLock.AcquireAsync(lockFile, CancellationToken.None).WaitAsync(Patience))
        {
        }
    }

    /// <summary>flock(1) from util-linux: takes the lock, runs the command, releases when it ends.</summary>
    private static Process StartHolder(string lockFile, string command)
    {
        var start = new ProcessStartInfo("flock") { RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(lockFile);
        start.ArgumentList.Add(command);
        return Process.Start(start) ?? throw new InvalidOperationException("flock did not start");
    }

    private static async Task<int> TryFlockAsync(string lockFile) =>
        (await ProcessRunner.Instance.RunAsync(ProcessSpec.Of("flock", "--nonblock", lockFile, "true"), CancellationToken.None)).ExitCode;

    /// <summary>The child may not have its lock yet; opening the file exclusively fails once it has.</summary>
    private static async Task WaitUntilHeldElsewhereAsync(string lockFile)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            try
            {
                await using (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                }
            }
            catch (IOException)
            {
                return;
            }

            await Task.Delay(10, patience.Token);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
