using System.Diagnostics;
using System.Text;

using Fanout.Processes;
using Fanout.TestSupport;

namespace Fanout.Distributed.Tests;

/// <summary>A real <c>fanout worker</c> child process (optionally inside a network namespace), its output kept, killable with SIGKILL.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="netns">Run it inside this network namespace (<c>ip netns exec</c>), as another machine would be.</param>
    public static WorkerProcess Start(string name, string database, string workDirectory, int slots, string? netns = null)
    {
        string[] fanout = [ProgramLocator.Find("dotnet") ?? "dotnet", FanoutCli.Dll, "worker", "--db", database, "--name", name, "--slots", slots.ToString(System.Globalization.CultureInfo.InvariantCulture), "--work-dir", workDirectory];
        string[] command = netns is null ? fanout : ["ip", "netns", "exec", netns, .. fanout];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Identity)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(name, process);
        process.OutputDataReceived += (_, line) => worker.Append(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Commits made in a worker's clone need a name, on a machine without a global git identity too.</summary>
    private static readonly Dictionary<string, string> Identity = new(StringComparer.Ordinal)
    {
        ["GIT_AUTHOR_NAME"] = "Fanout Tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@fanout.invalid",
        ["GIT_COMMITTER_NAME"] = "Fanout Tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@fanout.invalid",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Waits until the worker says it takes tasks (its Hangfire server is up).</summary>
    public async Task ReadyAsync(TimeSpan within)
    {
        var ready = await Task.WhenAny(_ready.Task, Task.Delay(within), _process.WaitForExitAsync());
        if (ready != _ready.Task)
        {
            throw new InvalidOperationException($"worker {Name} did not start ({(_process.HasExited ? $"exit code {_process.ExitCode}" : "still silent")}):\n{Output}");
        }
    }

    /// <summary>SIGKILL, as a lost machine would stop: nothing of it runs its own cleanup.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(": takes tasks from ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
