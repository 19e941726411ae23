namespace Fanout.Cli;

/// <summary>The process's output streams; commands never touch <see cref="Console"/> directly.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    public bool IsTerminal { get; init; } = !Console.IsOutputRedirected;
}
