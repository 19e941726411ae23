using System.Reflection;

using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Processes;

namespace Fanout.Cli;

/// <summary>
/// <c>fanout bench ...</c> starts the bench, a program of its own (<c>fanout-bench</c>), and hands it
/// every argument: the bench and the simulated services it measures against never ship inside the CLI.
/// </summary>
internal static class BenchLauncher
{
    public const string Command = "bench";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, FanoutHost host, CancellationToken cancellationToken)
    {
        var console = host.Console;
        var beside = Path.Combine(AppContext.BaseDirectory, "fanout-bench.dll");
        var (program, prefix) = File.Exists(beside)
            ? (ProgramLocator.Find("dotnet") ?? "dotnet", new[] { beside })
            : (ProgramLocator.Find("fanout-bench") ?? throw new UserInputException(
                $"fanout bench needs the bench program, which is neither beside fanout ({beside}) nor on PATH; ./fanout builds it, or install it with 'dotnet tool install --global Fanout.Bench'"), []);
        var spec = new ProcessSpec(program, [.. prefix, .. arguments])
        {
            Environment = new Dictionary<string, string?> { ["FANOUT_BENCH_CLI"] = Self() },
            OnLine = (stream, line) => (stream == OutputKind.StandardOutput ? console.Out : console.Error).WriteLine(line),
            CaptureLimit = 0,
        };
        var result = await host.Runner.RunAsync(spec, cancellationToken);
        return result.ExitCode;
    }

    /// <summary>This CLI as the bench should start it: the assembly under the dotnet host, else the executable.</summary>
    private static string Self()
    {
        var process = Environment.ProcessPath ?? "fanout";
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? Assembly.GetEntryAssembly()!.Location
            : process;
    }
}
