using System.Runtime.InteropServices;

using Fanout.Core;
using Fanout.Orchestration;

namespace Fanout.Cli;

/// <summary>
/// Ctrl+C (or SIGTERM) cancels the run so workers can journal how they ended and kill their agents;
/// if that takes longer than the grace period, or a second Ctrl+C comes, the process exits 130.
/// </summary>
internal sealed class Shutdown : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public Shutdown(TextWriter error)
    {
        _error = error;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_source.IsCancellationRequested)
        {
            Environment.Exit(ExitCodes.Cancelled);
        }

        _error.WriteLine($"fanout: cancelling; agents are being stopped (press Ctrl+C again to quit at once)");
        _source.Cancel();
        _ = Task.Delay(Grace, CancellationToken.None).ContinueWith(_ => Environment.Exit(ExitCodes.Cancelled), TaskScheduler.Default);
    }
}
