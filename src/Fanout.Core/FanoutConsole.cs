namespace Fanout.Core;

/// <summary>The process's output streams; nothing else in Fanout writes to <see cref="Console"/>.</summary>
public sealed record FanoutConsole(TextWriter Out, TextWriter Error)
{
    public bool IsTerminal { get; init; } = !Console.IsOutputRedirected;
}
