using Fanout.Processes;

namespace Fanout.Agents;

/// <summary>Runs one agent process in its worktree: log, timeout, stdin, and its stdout fed to a reader as it arrives.</summary>
internal static class AgentProcess
{
    private const int MaxShownArgument = 120;

    public static async Task<AgentOutcome> RunAsync(
        IProcessRunner runner,
        string program,
        IReadOnlyList<string> arguments,
        AgentInvocation invocation,
        string? standardInput,
        IAgentOutputReader? reader,
        IProgress<AgentProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var log = TaskLog.Open(invocation.LogFile);
        var display = Display(program, arguments);
        log.Header(display);
        var lastLine = reader is null && progress is not null ? new LastLine(progress) : null;
        var spec = new ProcessSpec(program, arguments)
        {
            WorkingDirectory = invocation.Worktree,
            Environment = invocation.Environment,
            Timeout = invocation.Timeout,
            StandardInput = standardInput,
            CaptureLimit = 64 * 1024,
            Isolated = true,
            OnStarted = invocation.OnProcessStarted,
            OnLine = (stream, line) =>
            {
                log.Write(stream, line);
                if (stream == OutputKind.StandardOutput)
                {
                    reader?.Read(line, progress);
                    lastLine?.Saw(line);
                }
            },
        };
        var result = await runner.RunAsync(spec, cancellationToken);
        lastLine?.Flush();
        log.Footer(result);
        if (reader?.Report is { } report)
        {
            log.Write(OutputKind.StandardOutput, $"# agent: {report.Summary}");
        }

        return new AgentOutcome(display, result.ExitCode, result.TimedOut, result.Duration, result.StandardErrorTail(10)) { Report = reader?.Report };
    }

    /// <summary>The program on the PATH the agent will get (a plan may set its own), or null.</summary>
    public static string? Locate(string program, AgentInvocation invocation) =>
        ProgramLocator.Find(program, invocation.Environment.GetValueOrDefault("PATH"), invocation.Worktree);

    /// <summary>The command line for logs and messages; a prompt passed as an argument is shortened.</summary>
    public static string Display(string program, IReadOnlyList<string> arguments) =>
        new ProcessSpec(program, arguments.Select(a => a.Length <= MaxShownArgument ? a : a[..MaxShownArgument] + "...").ToArray()).Display;

    /// <summary>
    /// A command agent's progress is its output: its last non-empty line, reported at most once a
    /// second (a chatty agent must not flood the journal) and once more when it exits.
    /// </summary>
    private sealed class LastLine(IProgress<AgentProgress> progress)
    {
        private static readonly long Interval = System.Diagnostics.Stopwatch.Frequency;
        private readonly Lock _gate = new();
        private long _reportedAt = long.MinValue;
        private string? _pending;

        public void Saw(string line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            lock (_gate)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                if (now - _reportedAt < Interval)
                {
                    _pending = line;
                    return;
                }

                _reportedAt = now;
                _pending = null;
            }

            progress.Report(new AgentProgress(AgentProgress.Output, line.Trim()));
        }

        public void Flush()
        {
            string? line;
            lock (_gate)
            {
                line = _pending;
                _pending = null;
            }

            if (line is not null)
            {
                progress.Report(new AgentProgress(AgentProgress.Output, line.Trim()));
            }
        }
    }
}
