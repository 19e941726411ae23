using System.Globalization;

using Fanout.Processes;

namespace Fanout.Agents;

/// <summary>A task's log (setup, agent, test): both streams interleaved as they arrive, stderr lines marked.</summary>
public sealed class TaskLog : IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private TaskLog(StreamWriter writer) => _writer = writer;

    public static TaskLog Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Appending keeps the log of an earlier attempt of the same task.
        return new TaskLog(new StreamWriter(path, append: true) { AutoFlush = true });
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
            _writer.WriteLine(line);
        }
    }
}
