using System.Threading.Channels;

using Fanout.Journal;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

/// <summary>The single console writer: events from the work go through a channel to one renderer.</summary>
internal static class EventStream
{
    public static async Task<T> RenderAsync<T>(IRunRenderer renderer, Func<ChannelWriter<RunEvent>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var events = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        var writer = Task.Run(() => Renderers.DrainAsync(renderer, events.Reader.ReadAllAsync(CancellationToken.None)), CancellationToken.None);
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
