using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>How to start this very Fanout as a child: each measured run gets a process of its own, so its memory is its own.</summary>
public sealed record FanoutProgram(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>The running executable; under the <c>dotnet</c> host, the host plus this assembly.</summary>
    public static FanoutProgram Current(string entryAssembly)
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running program is unknown");
        var host = Path.GetFileNameWithoutExtension(process);
        return string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase)
            ? new FanoutProgram(process, [entryAssembly])
            : new FanoutProgram(process, []);
    }

    public ProcessSpec Spec(IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        new(FileName, [.. Prefix, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            Environment = environment,
            Timeout = timeout,
        };
}
