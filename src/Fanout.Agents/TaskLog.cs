using System.Globalization;

using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Agents;

/// <summary>
/// A task's log (setup, agent, test): both streams interleaved as they arrive, stderr lines marked,
/// every line redacted (<see cref="Redactor"/>): a command that prints a token leaves none in the log.
/// </summary>
public sealed class TaskLog : IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly Redactor _redactor;
    private readonly Lock _gate = new();

    private TaskLog(StreamWriter writer, Redactor redactor)
    {
        _writer = writer;
        _redactor = redactor;
    }

    /// <param name="redactor">What to redact; by default token shapes and this process's secret variables.</param>
    public static TaskLog Open(string path, Redactor? redactor = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Appending keeps the log of an earlier attempt of the same task.
        return new TaskLog(new StreamWriter(path, append: true) { AutoFlush = true }, redactor ?? Redactor.FromProcess());
    }

    public void Header(string command) => WriteRaw($"$ {command}");

    public void Write(OutputKind stream, string line) => WriteRaw(stream == OutputKind.StandardError ? "! " + line : line);

    public void Footer(ProcessResult result) =>
        WriteRaw(result.TimedOut
            ? $"# timed out after {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
            : $"# exit {result.ExitCode} after {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync();

    private void WriteRaw(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(_redactor.Redact(line));
        }
    }
}
