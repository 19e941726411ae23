using System.CommandLine;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Reporting;
using Fanout.Reporting.Dashboard;

using Spectre.Console;

namespace Fanout.Cli.Commands;

/// <summary>Picks the one console writer: JSON lines, the live dashboard in a terminal, or plain lines.</summary>
internal static class Renderers
{
    public static Option<bool> PlainOption() => new("--plain", "--no-dashboard") { Description = "Print plain timestamped lines even in a terminal (no live dashboard)" };

    public static IRunRenderer Create(FanoutConsole console, TimeProvider time, bool json, bool plain)
    {
        if (json)
        {
            return new JsonLinesRenderer(console.Out);
        }

        if (!console.IsTerminal || plain)
        {
            return new PlainRenderer(console.Out);
        }

        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
        });
        return new DashboardRenderer(ansi, time);
    }

    /// <summary>Feeds every event to the renderer, then lets a live renderer draw its last frame and give the console back.</summary>
    public static async Task DrainAsync(IRunRenderer renderer, IAsyncEnumerable<RunEvent> events)
    {
        try
        {
            await foreach (var runEvent in events)
            {
                renderer.Render(runEvent);
            }
        }
        finally
        {
            if (renderer is IAsyncDisposable live)
            {
                await live.DisposeAsync();
            }
        }
    }
}
