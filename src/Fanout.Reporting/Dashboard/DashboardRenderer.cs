using Fanout.Journal;

using Spectre.Console;

namespace Fanout.Reporting.Dashboard;

/// <summary>
/// The live dashboard for a terminal: events are applied to the run's fold as they come, and one
/// refresh loop redraws the frame from its snapshot in place a few times a second, so the console
/// has a single writer. Dispose to draw the final frame and give the console back.
/// </summary>
public sealed class DashboardRenderer : IRunRenderer, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly RunFold _fold = new();
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _live;

    public DashboardRenderer(IAnsiConsole console, TimeProvider time, TimeSpan? refresh = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(time);
        _console = console;
        _time = time;
        var interval = refresh ?? TimeSpan.FromMilliseconds(250);
        _live = _console.Live(Frame())
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(context => LoopAsync(context, interval));
    }

    public void Render(RunEvent runEvent)
    {
        lock (_gate)
        {
            _fold.Apply(runEvent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _live;
        _stop.Dispose();
    }

    private async Task LoopAsync(LiveDisplayContext context, TimeSpan interval)
    {
        while (!_stop.IsCancellationRequested)
        {
            context.UpdateTarget(Frame());
            try
            {
                await Task.Delay(interval, _time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        context.UpdateTarget(Frame());
    }

    private Spectre.Console.Rendering.IRenderable Frame()
    {
        lock (_gate)
        {
            return DashboardView.Build(_fold.Snapshot, _time.GetUtcNow(), _console.Profile.Width, _console.Profile.Height);
        }
    }
}
