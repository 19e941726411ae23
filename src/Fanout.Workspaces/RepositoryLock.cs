using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Fanout.Workspaces;

/// <summary>
/// An exclusive lock on a file, held across threads and processes. Across processes it is the
/// kernel's <c>flock</c> (what .NET takes for <see cref="FileShare.None"/> on Unix), so a holder
/// that dies releases it: there is no stale lock to break.
/// </summary>
public sealed class RepositoryLock : IAsyncDisposable
{
    // flock is per open file, so a second open in this process would only spin; threads queue here instead.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private FileStream? _stream;

    private RepositoryLock(SemaphoreSlim gate, FileStream stream)
    {
        _gate = gate;
        _stream = stream;
    }

    /// <summary>Waits until the lock is free, then holds it until disposed; cancellation stops the wait.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(string lockFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockFile);
        EnsureFileLockingEnabled();
        var path = Path.GetFullPath(lockFile);
        var gate = Gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        FileStream? stream = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            stream = await OpenExclusiveAsync(path, cancellationToken);
            WriteOwner(stream);
            return new RepositoryLock(gate, stream);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }

            gate.Release();
            throw;
        }
    }

    /// <summary>Takes the lock only if nobody holds it now; null when another thread or process does.</summary>
    public static async Task<IAsyncDisposable?> TryAcquireAsync(string lockFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockFile);
        EnsureFileLockingEnabled();
        var path = Path.GetFullPath(lockFile);
        var gate = Gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return null;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            WriteOwner(stream);
            return new RepositoryLock(gate, stream);
        }
        catch (IOException e) when (HeldByAnother(e))
        {
            gate.Release();
            return null;
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The file stays: deleting it would let a waiter lock the unlinked file while a newcomer locks a new one.
        var stream = Interlocked.Exchange(ref _stream, null);
        if (stream is not null)
        {
            await stream.DisposeAsync();
            _gate.Release();
        }
    }

    private static async Task<FileStream> OpenExclusiveAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (HeldByAnother(e))
            {
                // Jitter keeps waiting processes from retrying in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 21)), cancellationToken);
            }
        }
    }

    /// <summary>With .NET's file locking switched off the lock would silently exclude nothing across processes.</summary>
    private static void EnsureFileLockingEnabled()
    {
        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        var disabled = (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var set) && set)
            || string.Equals(variable, "1", StringComparison.Ordinal)
            || string.Equals(variable, "true", StringComparison.OrdinalIgnoreCase);
        if (disabled)
        {
            throw new InvalidOperationException("file locking is disabled (DOTNET_SYSTEM_IO_DISABLEFILELOCKING); unset it so two runs cannot change one repository's worktrees at once");
        }
    }

    /// <summary>Only contention is worth waiting for; other I/O errors (read-only disk) would never clear.</summary>
    private static bool HeldByAnother(IOException e) =>
        e.HResult == (OperatingSystem.IsWindows() ? unchecked((int)0x80070020) : OperatingSystem.IsLinux() ? 11 : 35);

    /// <summary>Who holds the lock, for someone looking at a stuck run; nothing reads it back.</summary>
    private static void WriteOwner(FileStream stream)
    {
        var owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {Environment.MachineName} {DateTimeOffset.UtcNow:O}\n");
        stream.SetLength(0);
        stream.Write(Encoding.UTF8.GetBytes(owner));
        stream.Flush();
    }
}
