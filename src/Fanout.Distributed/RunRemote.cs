using Fanout.Core;
using Fanout.Orchestration;
using Fanout.Orchestration.Session;

namespace Fanout.Distributed;

/// <summary>
/// What a run spread over machines needs from the coordinator's repository before anything is
/// journaled: a remote every worker can reach (its <c>origin</c>), the base commit on it, and the
/// plan committed in that commit, since every worker reads the plan from there.
/// </summary>
public static class RunRemote
{
    public const string Name = "origin";

    /// <returns>The remote's URL as workers use it: a path is made absolute.</returns>
    public static async Task<string> CheckAsync(FanoutSession session, PreparedRun prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prepared);
        var git = session.Git;
        var url = await git.RemoteUrlAsync(Name, cancellationToken)
            ?? throw new UserInputException($"{session.Paths.Root} has no '{Name}' remote; workers clone the run's repository from it, so add one every worker can reach: git remote add {Name} URL");
        if (!url.Contains("://", StringComparison.Ordinal) && !url.Contains('@', StringComparison.Ordinal))
        {
            url = Path.GetFullPath(url, session.Paths.Root);
        }

        var run = prepared.Run;
        await git.FetchAsync(Name, [$"+refs/heads/*:refs/remotes/{Name}/*"], cancellationToken);
        var pushed = await git.TryResolveCommitAsync($"refs/remotes/{Name}/{run.BaseRef}", cancellationToken);
        if (pushed is null || !await git.IsAncestorAsync(run.BaseCommit, pushed, cancellationToken))
        {
            throw new UserInputException($"the base {run.BaseRef} ({run.BaseCommit[..Math.Min(12, run.BaseCommit.Length)]}) is not on the remote {Name}; workers start from it, so push it first: git push {Name} {run.BaseRef}");
        }

        var plan = Path.GetRelativePath(session.Paths.Root, prepared.Plan.SourceFile).Replace('\\', '/');
        if (plan.StartsWith("..", StringComparison.Ordinal)
            || (await git.ChangedPathsAsync(session.Paths.Root, cancellationToken)).Contains(plan, StringComparer.Ordinal))
        {
            throw new UserInputException($"{prepared.Plan.SourceFile}: the plan must be committed, unchanged, in the base {run.BaseRef}: every worker reads it from there; commit and push it, then run again");
        }

        return url;
    }
}
