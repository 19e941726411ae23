using Fanout.Plans;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Cancelling_an_agent_ends_the_children_it_started_too()
    {
        var pidFile = _folder.Combine("child.pid");
        var script = $"sleep 300 & echo $! > '{pidFile}'; wait";
        var agent = new CommandAgent("spawner", CommandSpec.FromArgv(["sh", "-c", script]), ProcessRunner.Instance);
        var invocation = new AgentInvocation("r1", "api", "t", _folder.Write("prompt.md", "p"), _folder.Path, "b", _folder.Combine("log.txt"));
        using var cancel = new CancellationTokenSource();

        var run = agent.RunAsync(invocation, null, cancel.Token);
        var child = await WaitForPidAsync(pidFile);
        IsAlive(child).ShouldBeTrue();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(run);
        for (var i = 0; i < 100 && IsAlive(child); i++)
        {
            await Task.Delay(50);
        }

        IsAlive(child).ShouldBeFalse();
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<int> WaitForPidAsync(string file)
    {
        for (var i = 0; i < 400; i++)
        {
            if (File.Exists(file) && int.TryParse((await File.ReadAllTextAsync(file)).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("the agent never started its child");
    }

    /// <summary>A zombie (exited, not yet reaped) counts as ended.</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && !File.ReadAllText(stat).Split(')')[^1].TrimStart().StartsWith('Z');
    }
}
