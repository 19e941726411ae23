using Fanout.Processes;

namespace Fanout.TestSupport;

/// <summary>Runs the real CLI (the built fanout.dll next to the test assembly) as a child process.</summary>
public static class FanoutCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "fanout.dll");

    public static async Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var spec = new ProcessSpec("dotnet", [Dll, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            Timeout = TimeSpan.FromMinutes(3),
            Environment = new Dictionary<string, string?> { ["DEMO_AGENT_SECONDS"] = "0.2", ["DOTNET_NOLOGO"] = "1" },
        };
        return await ProcessRunner.Instance.RunAsync(spec, CancellationToken.None);
    }
}
