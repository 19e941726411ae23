using System.Text;

namespace Fanout.Reporting;

/// <summary>
/// <c>tail -f</c> for a task's log: prints what the file holds, then what is appended to it, until
/// the caller says the writer is done (after which one last read catches the final lines).
/// </summary>
public sealed class LogTail(string file, TextWriter output)
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly byte[] _bytes = new byte[64 * 1024];
    private readonly char[] _chars = new char[(64 * 1024) + 4];
    private long _position;

    /// <param name="finishedAsync">True once nothing more will be written; asked before each read.</param>
    public async Task FollowAsync(Func<CancellationToken, Task<bool>> finishedAsync, TimeSpan pollInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finishedAsync);
        ArgumentNullException.ThrowIfNull(time);
        while (true)
        {
            var finished = await finishedAsync(cancellationToken);
            await CopyNewAsync(cancellationToken);
            if (finished)
            {
                return;
            }

            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }

    /// <summary>Writes whatever was appended since the last call; a missing file is not there yet.</summary>
    public async Task CopyNewAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return;
        }

        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _position)
        {
            // Truncated or replaced: start again, as tail -F does.
            _position = 0;
            _decoder.Reset();
        }

        stream.Position = _position;
        int read;
        while ((read = await stream.ReadAsync(_bytes, cancellationToken)) > 0)
        {
            _position += read;
            var count = _decoder.GetChars(_bytes, 0, read, _chars, 0);
            await output.WriteAsync(_chars.AsMemory(0, count), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }
}
