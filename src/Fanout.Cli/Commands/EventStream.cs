using System.Threading.Channels;

using Fanout.Journal;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

/// <summary>The single console writer: events from the work go through a channel to one renderer.</summary>
internal static class EventStream
{
    public static async Task<T> RenderAsync<T>(CliConsole console, bool json, Func<ChannelWriter<RunEvent>, Task<T>> work)
    {
        var events = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        IRunRenderer renderer = json ? new JsonLinesRenderer(console.Out) : new PlainRenderer(console.Out);
        var writer = Task.Run(
            async () =>
            {
                await foreach (var runEvent in events.Reader.ReadAllAsync(CancellationToken.None))
                {
                    renderer.Render(runEvent);
                }
            },
            CancellationToken.None);
        try
        {
            return await work(events.Writer);
        }
        finally
        {
            events.Writer.Complete();
            await writer;
        }
    }
}
