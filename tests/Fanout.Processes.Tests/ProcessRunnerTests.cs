using Fanout.Processes;

using Shouldly;

using Xunit;

namespace Fanout.Processes.Tests;

public sealed class ProcessRunnerTests
{
    private static readonly ProcessRunner Runner = ProcessRunner.Instance;

    [Fact]
    public async Task Passes_arguments_as_a_list_never_through_a_shell()
    {
        var result = await Runner.RunAsync(ProcessSpec.Of("printf", "%s|", "a b", "$(echo no)", "'q'"), CancellationToken.None);

        result.Succeeded.ShouldBeTrue();
        result.StandardOutput.ShouldBe("a b|$(echo no)|'q'|\n");
    }

    [Fact]
    public async Task Reads_both_streams_and_keeps_the_exit_code()
    {
        var result = await Runner.RunAsync(ProcessSpec.Of("sh", "-c", "echo out; echo err >&2; exit 3"), CancellationToken.None);

        result.ExitCode.ShouldBe(3);
        result.StandardOutput.ShouldBe("out\n");
        result.StandardErrorTail().ShouldBe("err");
        Should.Throw<ProcessFailedException>(() => result.EnsureSuccess()).Message.ShouldContain("exited with code 3: err");
    }

    [Fact]
    public async Task Sets_and_removes_environment_variables()
    {
        Environment.SetEnvironmentVariable("FANOUT_TEST_INHERITED", "secret");
        var spec = ProcessSpec.Of("sh", "-c", "echo \"$FANOUT_TEST_SET/${FANOUT_TEST_INHERITED:-gone}\"") with
        {
            Environment = new Dictionary<string, string?> { ["FANOUT_TEST_SET"] = "set", ["FANOUT_TEST_INHERITED"] = null },
        };

        var result = await Runner.RunAsync(spec, CancellationToken.None);

        result.StandardOutput.Trim().ShouldBe("set/gone");
    }

    [Fact]
    public async Task Closes_standard_input_so_a_program_never_waits_for_a_keyboard()
    {
        var result = await Runner.RunAsync(ProcessSpec.Of("cat") with { StandardInput = "given\n", Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);

        result.Succeeded.ShouldBeTrue();
        result.StandardOutput.ShouldBe("given\n");
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_process_tree()
    {
        using var folder = new TestSupport.TempDirectory();
        var marker = folder.Combine("child.pid");
        var spec = ProcessSpec.Of("sh", "-c", $"sleep 60 & echo $! > {marker}; wait") with { Timeout = TimeSpan.FromMilliseconds(500) };

        var result = await Runner.RunAsync(spec, CancellationToken.None);

        result.TimedOut.ShouldBeTrue();
        result.Succeeded.ShouldBeFalse();
        IsAlive(int.Parse(await File.ReadAllTextAsync(marker), System.Globalization.CultureInfo.InvariantCulture)).ShouldBeFalse();
    }

    [Fact]
    public async Task Cancellation_kills_the_process_tree_and_throws()
    {
        using var folder = new TestSupport.TempDirectory();
        var marker = folder.Combine("child.pid");
        using var cancellation = new CancellationTokenSource();
        var run = Runner.RunAsync(ProcessSpec.Of("sh", "-c", $"sleep 60 & echo $! > {marker}; wait"), cancellation.Token);
        while (!File.Exists(marker) || (await File.ReadAllTextAsync(marker)).Length == 0)
        {
            await Task.Delay(20);
        }

        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(run);
        IsAlive(int.Parse(await File.ReadAllTextAsync(marker), System.Globalization.CultureInfo.InvariantCulture)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_program_is_a_result_with_exit_code_127()
    {
        var result = await Runner.RunAsync(ProcessSpec.Of("fanout-no-such-program"), CancellationToken.None);

        result.ExitCode.ShouldBe(127);
        result.StandardError.ShouldContain("fanout-no-such-program");
    }

    [Fact]
    public async Task Streams_every_line_to_the_observer_as_it_arrives()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var spec = ProcessSpec.Of("sh", "-c", "for i in 1 2 3; do echo line$i; done; echo oops >&2") with { OnLine = (_, line) => lines.Enqueue(line) };

        await Runner.RunAsync(spec, CancellationToken.None);

        lines.Order().ShouldBe(["line1", "line2", "line3", "oops"]);
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
