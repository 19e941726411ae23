using Fanout.Processes;

namespace Fanout.TestSupport;

/// <summary>Runs the real CLI (the built fanout.dll next to the test assembly) as a child process.</summary>
public static class FanoutCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "fanout.dll");

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the CLI with extra (or, with null values, removed) environment variables.</summary>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?> { ["DEMO_AGENT_SECONDS"] = "0.2", ["DOTNET_NOLOGO"] = "1" };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var spec = new ProcessSpec(ProgramLocator.Find("dotnet") ?? "dotnet", [Dll, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            Timeout = TimeSpan.FromMinutes(3),
            Environment = variables,
        };
        return await ProcessRunner.Instance.RunAsync(spec, CancellationToken.None);
    }
}
