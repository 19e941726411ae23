using System.Globalization;

using Shouldly;

using Xunit;

namespace Fanout.Processes.Tests;

/// <summary>An isolated program leads its own process group: ending it ends everything it started, even what left its tree.</summary>
public sealed class ProcessGroupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fanout-groups").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_isolated_program_runs_as_its_own_group_leader_and_reports_its_pid()
    {
        var started = 0;
        var spec = ProcessSpec.Of("sh", "-c", "ps -o pgid= -p $$") with { Isolated = true, OnStarted = pid => started = pid };

        var result = await ProcessRunner.Instance.RunAsync(spec, CancellationToken.None);

        result.ExitCode.ShouldBe(0, result.StandardError);
        started.ShouldBeGreaterThan(1);
        int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture).ShouldBe(started, "the pid the runner reports is the group's id");
    }

    [Fact]
    public async Task Cancelling_an_isolated_program_ends_a_grandchild_that_left_its_process_tree()
    {
        // The subshell exits at once, so its sleep is reparented away from the tree; only its group still names it.
        var pidFile = Path.Combine(_folder, "grandchild");
        var spec = ProcessSpec.Of("sh", "-c", $"(sleep 60 & echo $! > '{pidFile}'); sleep 60") with { Isolated = true };
        using var cancel = new CancellationTokenSource();

        var running = ProcessRunner.Instance.RunAsync(spec, cancel.Token);
        while (!File.Exists(pidFile) || (await File.ReadAllTextAsync(pidFile)).Trim().Length == 0)
        {
            await Task.Delay(20);
        }

        var grandchild = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => running);

        (await GoneAsync(grandchild)).ShouldBeTrue($"process {grandchild} outlived its group");
    }

    [Fact]
    public async Task A_timed_out_isolated_program_takes_its_whole_group_with_it()
    {
        var pidFile = Path.Combine(_folder, "timed-out");
        var spec = ProcessSpec.Of("sh", "-c", $"(sleep 60 & echo $! > '{pidFile}'); sleep 60") with { Isolated = true, Timeout = TimeSpan.FromSeconds(1) };

        var result = await ProcessRunner.Instance.RunAsync(spec, CancellationToken.None);

        result.TimedOut.ShouldBeTrue();
        (await GoneAsync(int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture))).ShouldBeTrue();
    }

    [Fact]
    public async Task An_isolated_program_that_is_not_found_is_an_exit_code_as_before()
    {
        var result = await ProcessRunner.Instance.RunAsync(ProcessSpec.Of("no-such-program-anywhere") with { Isolated = true }, CancellationToken.None);

        result.ExitCode.ShouldBe(127);
    }

    [Fact]
    public void A_pid_with_another_start_time_is_never_ended()
    {
        var self = Environment.ProcessId;
        var ticks = ProcessGroups.StartTicks(self);

        ticks.ShouldNotBeNull();
        ProcessGroups.KillIfSame(self, ticks!.Value + 1).ShouldBeFalse();
    }

    private static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            if (!File.Exists($"/proc/{pid}/stat") || (await File.ReadAllTextAsync($"/proc/{pid}/stat")).Contains(") Z ", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
