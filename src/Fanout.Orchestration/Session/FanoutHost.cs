using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Orchestration.Session;

/// <summary>What the process gives every session: the one process runner, the clock, the console and the environment.</summary>
public sealed record FanoutHost(IProcessRunner Runner, TimeProvider Time, FanoutConsole Console)
{
    /// <summary>Where tokens and settings are looked up; the process environment unless a test says otherwise.</summary>
    public Func<string, string?> Environment { get; init; } = global::System.Environment.GetEnvironmentVariable;

    /// <summary>How task agents start this fanout to reach their run; null gives them no Fanout endpoint.</summary>
    public FanoutCommand? Self { get; init; }

    /// <summary>The real process runner and clock, writing to <paramref name="console"/>.</summary>
    public static FanoutHost For(FanoutConsole console) => new(ProcessRunner.Instance, TimeProvider.System, console) { Self = FanoutCommand.Current() };
}
