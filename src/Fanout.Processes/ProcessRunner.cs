using System.Diagnostics;
using System.Text;

namespace Fanout.Processes;

public sealed class ProcessRunner : IProcessRunner
{
    // Grandchildren that outlive the kill may hold the pipes open; do not wait for them forever.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static ProcessRunner Instance { get; } = new();

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var stopwatch = Stopwatch.StartNew();
        var isolated = spec.Isolated && ProcessGroups.Supported;
        var info = StartInfo(spec);
        if (isolated && !Isolate(info))
        {
            return NotFound(spec, "No such file or directory", stopwatch);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return NotFound(spec, e.Message, stopwatch);
        }

        if (isolated)
        {
            ProcessWatchdog.Register(process.Id);
        }

        spec.OnStarted?.Invoke(process.Id);

        var stdout = new BoundedBuffer(spec.CaptureLimit);
        var stderr = new BoundedBuffer(256 * 1024);
        var readers = Task.WhenAll(
            PumpAsync(process.StandardOutput, stdout, OutputKind.StandardOutput, spec.OnLine),
            PumpAsync(process.StandardError, stderr, OutputKind.StandardError, spec.OnLine));
        await FeedInputAsync(process, spec.StandardInput);

        using var timeout = spec.Timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            if (isolated)
            {
                ProcessGroups.Kill(process.Id);
            }

            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
            timedOut = !cancellationToken.IsCancellationRequested;
        }

        if (isolated && !ProcessGroups.Alive(process.Id))
        {
            // What the program left running in its group (a dev server) stays registered until this process ends.
            ProcessWatchdog.Unregister(process.Id);
        }

        await Task.WhenAny(readers, Task.Delay(DrainGrace, CancellationToken.None));
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessResult(spec, process.ExitCode, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed, timedOut);
    }

    private static ProcessStartInfo StartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (spec.WorkingDirectory is { } directory)
        {
            info.WorkingDirectory = directory;
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    /// <summary>A missing program is an outcome the caller reports, like git's exit codes.</summary>
    private static ProcessResult NotFound(ProcessSpec spec, string message, Stopwatch stopwatch) =>
        new(spec, 127, string.Empty, $"{spec.FileName}: {message}", stopwatch.Elapsed, false);

    /// <summary>
    /// Starts the program through <c>setsid</c>, which makes it a session and group leader and then
    /// execs it in place (so its pid is the group's id). The program is found here first, as the
    /// runtime would find it, so isolation never changes which program runs; false when none is found.
    /// </summary>
    private static bool Isolate(ProcessStartInfo info)
    {
        var program = info.FileName.Contains('/', StringComparison.Ordinal)
            ? Path.GetFullPath(info.FileName)
            : ProgramLocator.Find(info.FileName);
        if (program is null)
        {
            return false;
        }

        var arguments = info.ArgumentList.ToArray();
        info.FileName = ProcessGroups.Setsid!;
        info.ArgumentList.Clear();
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return true;
    }

    private static async Task FeedInputAsync(Process process, string? input)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit code tells the story.
        }
    }

    private static async Task PumpAsync(StreamReader reader, BoundedBuffer buffer, OutputKind stream, Action<OutputKind, string>? onLine)
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            buffer.AppendLine(line);
            onLine?.Invoke(stream, line);
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Keeps only the most recent text up to a limit: the tail is what explains a failure.</summary>
    private sealed class BoundedBuffer(int limit)
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public void AppendLine(string line)
        {
            lock (_gate)
            {
                _text.Append(line).Append('\n');
                if (_text.Length > limit)
                {
                    _text.Remove(0, _text.Length - limit);
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
}
