using System.Collections.Concurrent;

using Fanout.Processes;

namespace Fanout.Bench.Tracing;

/// <summary>
/// Runs processes through another runner and remembers, for every git process, when it was asked
/// for and when its result came back; git itself writes when it started and ended (its trace2
/// events, <c>GIT_TRACE2_EVENT</c>), so the gap between asking and starting is the process start.
/// </summary>
public sealed class TracingRunner(IProcessRunner inner, string folder) : IProcessRunner
{
    private readonly ConcurrentQueue<TracedProcess> _processes = new();
    private int _next;

    /// <summary>Every git process run so far, in the order they ended.</summary>
    public IReadOnlyList<TracedProcess> Processes => [.. _processes];

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.FileName != "git")
        {
            return await inner.RunAsync(spec, cancellationToken);
        }

        Directory.CreateDirectory(folder);
        var events = Path.Combine(folder, $"git-{Interlocked.Increment(ref _next)}.json");
        var environment = new Dictionary<string, string?>(spec.Environment, StringComparer.Ordinal) { ["GIT_TRACE2_EVENT"] = events };
        var requested = DateTimeOffset.UtcNow;
        var result = await inner.RunAsync(spec with { Environment = environment }, cancellationToken);
        _processes.Enqueue(new TracedProcess(spec.Arguments, spec.WorkingDirectory, requested, DateTimeOffset.UtcNow, events));
        return result;
    }
}

/// <summary>One git process: asked for, and answered, as this process saw it; what git saw is in <see cref="EventsFile"/>.</summary>
public sealed record TracedProcess(IReadOnlyList<string> Arguments, string? WorkingDirectory, DateTimeOffset Requested, DateTimeOffset Returned, string EventsFile)
{
    /// <summary>The git subcommand and its first word when it has subcommands of its own (<c>worktree add</c>, <c>reset</c>).</summary>
    public string Command
    {
        get
        {
            var words = Arguments.SkipWhile(a => a == "-c" || a.Contains('=', StringComparison.Ordinal)).Where(a => !a.StartsWith('-')).ToArray();
            return words.Length == 0 ? "git" : words[0] is "worktree" or "sparse-checkout" && words.Length > 1 ? $"{words[0]} {words[1]}" : words[0];
        }
    }
}
