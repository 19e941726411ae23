using Fanout.Core;
using Fanout.Trackers;
using Fanout.Trackers.GitHub;

namespace Fanout.Orchestration;

/// <summary>Opens the tracker a run chose; a GitHub token that does not work is bad input (exit 2) before anything exists.</summary>
public static class TrackerFactory
{
    public static Task<ITracker> OpenAsync(TrackerChoice choice, string localTrackerFile, TimeProvider time, CancellationToken cancellationToken) =>
        OpenAsync(choice, localTrackerFile, TimeSpan.Zero, time, cancellationToken);

    /// <param name="latency">Added to every request (<see cref="DelayedTracker"/>), to rehearse a slow tracker; zero adds nothing.</param>
    public static async Task<ITracker> OpenAsync(TrackerChoice choice, string localTrackerFile, TimeSpan latency, TimeProvider time, CancellationToken cancellationToken)
    {
        var tracker = await OpenChosenAsync(choice, localTrackerFile, time, cancellationToken);
        return latency > TimeSpan.Zero ? new DelayedTracker(tracker, latency, time) : tracker;
    }

    private static async Task<ITracker> OpenChosenAsync(TrackerChoice choice, string localTrackerFile, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.GitHub is not { } github)
        {
            return await LocalTracker.OpenAsync(localTrackerFile, time, cancellationToken);
        }

        try
        {
            return await GitHubTracker.OpenAsync(github with { Time = time }, cancellationToken);
        }
        catch (TrackerAccessException refused)
        {
            throw new UserInputException(refused.Message);
        }
    }
}
