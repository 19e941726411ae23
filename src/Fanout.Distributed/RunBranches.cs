using Fanout.Orchestration.Session;

namespace Fanout.Distributed;

/// <summary>Brings a distributed run's task branches from the remote into this repository, so <c>fanout merge --db</c> merges what the workers pushed.</summary>
public static class RunBranches
{
    /// <returns>How many branches were fetched.</returns>
    public static async Task<int> FetchAsync(FanoutSession session, string? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var run = await session.LoadRunAsync(runId, cancellationToken);
        if (run.Info.Remote is null)
        {
            return 0;
        }

        var fetched = 0;
        foreach (var branch in run.Tasks.Select(t => t.Branch).OfType<string>())
        {
            // A branch checked out here is this repository's own work; the remote's copy never overwrites it.
            if (await session.Git.WorktreeOfBranchAsync(branch, cancellationToken) is null)
            {
                await session.Git.FetchAsync(RunRemote.Name, [$"+refs/heads/{branch}:refs/heads/{branch}"], cancellationToken);
                fetched++;
            }
        }

        return fetched;
    }
}
