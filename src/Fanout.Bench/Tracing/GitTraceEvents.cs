using System.Globalization;
using System.Text.Json;

namespace Fanout.Bench.Tracing;

/// <summary>When git's own process started and ended, read from its trace2 event stream (git's Documentation/technical/api-trace2).</summary>
public sealed record GitProcessTimes(DateTimeOffset Started, DateTimeOffset Ended)
{
    /// <summary>
    /// The top-level process of an event file (its session id has no parent part): its <c>start</c>
    /// event's time less <c>t_abs</c> (seconds since git's main began) and its <c>exit</c> event's
    /// time. Null when git wrote no such events (it died, or never started).
    /// </summary>
    public static GitProcessTimes? Read(string eventsFile)
    {
        if (!File.Exists(eventsFile))
        {
            return null;
        }

        DateTimeOffset? started = null;
        DateTimeOffset? ended = null;
        foreach (var line in File.ReadLines(eventsFile))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("sid").GetString() is not { } sid || sid.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var at = DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            switch (root.GetProperty("event").GetString())
            {
                case "start":
                    started = at - TimeSpan.FromSeconds(root.GetProperty("t_abs").GetDouble());
                    break;
                case "exit":
                    ended = at;
                    break;
            }
        }

        return started is { } from && ended is { } to ? new GitProcessTimes(from, to) : null;
    }
}
