using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>How to start the Fanout CLI being measured: each measured run gets a process of its own, so its memory is its own.</summary>
public sealed record FanoutProgram(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>
    /// The CLI named by <paramref name="named"/> (what <c>fanout bench</c> passes: itself), else the
    /// <c>fanout.dll</c> beside this program, else <c>fanout</c> on PATH.
    /// </summary>
    public static FanoutProgram FromEnvironment(string? named)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "fanout.dll");
        var path = named is { Length: > 0 } ? named : File.Exists(beside) ? beside : ProgramLocator.Find("fanout");
        if (path is null)
        {
            throw new UserInputException("the Fanout CLI to measure is not found: neither fanout.dll beside fanout-bench nor fanout on PATH; run it as 'fanout bench'");
        }

        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new FanoutProgram(DotnetHost(), [Path.GetFullPath(path)])
            : new FanoutProgram(Path.GetFullPath(path), []);
    }

    public ProcessSpec Spec(IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        new(FileName, [.. Prefix, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            Environment = environment,
            Timeout = timeout,
        };

    /// <summary>The host running this program when it is <c>dotnet</c>, else <c>dotnet</c> on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? process
            : ProgramLocator.Find("dotnet") ?? "dotnet";
}
