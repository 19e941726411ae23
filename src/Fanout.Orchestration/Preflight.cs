using Fanout.Agents;
using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Trackers.GitHub;

namespace Fanout.Orchestration;

/// <summary>
/// What a run checks before it creates anything, and what <c>run --dry-run</c> reports: every program the
/// plan runs as an agent is installed (as <c>fanout doctor</c> looks it up), the tracker answers within a
/// bounded time, and the base names a commit. Every problem is one line; any problem is bad input (exit 2),
/// so a run that cannot work leaves no issue, branch, worktree or journal behind.
/// </summary>
public static class Preflight
{
    /// <summary>The base's commit when every check passes.</summary>
    /// <exception cref="UserInputException">One problem per failed check.</exception>
    public static async Task<string> CheckAsync(FanoutSession session, Plan plan, TrackerChoice tracker, string baseRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(tracker);
        var problems = new List<InputProblem>();
        problems.AddRange(Agents(plan));

        // The slow checks overlap: the tracker may take its whole connect timeout.
        var reach = TrackerAsync(tracker, cancellationToken);
        var baseCommit = await session.Git.TryResolveCommitAsync(baseRef + "^{commit}", cancellationToken);
        if (baseCommit is null)
        {
            problems.Add(new InputProblem(null, $"{plan.SourceFile}: base '{baseRef}' does not name a commit in {session.Paths.Root}; set 'base:' to an existing branch"));
        }

        if (await reach is { } unreachable)
        {
            problems.Add(unreachable);
        }

        return problems.Count == 0 ? baseCommit! : throw new UserInputException(problems);
    }

    /// <summary>
    /// A preset's CLI must be on PATH; so must a command's program named without a folder, or at an
    /// absolute path. A relative path (<c>./node_modules/.bin/x</c>) may be what the setup command installs,
    /// so it is left to the run.
    /// </summary>
    private static IEnumerable<InputProblem> Agents(Plan plan) =>
        AgentDoctor.Locate(plan)
            .Where(c => !c.Found && (!c.Program.Contains('/', StringComparison.Ordinal) || Path.IsPathRooted(c.Program)))
            .Select(c => new InputProblem(
                plan.Agents.GetValueOrDefault(c.Agent)?.Position,
                c.InstallHint is { } hint
                    ? $"agent '{c.Agent}' needs '{c.Program}', which is not on PATH; install it ({hint}) or choose another agent with --agent; 'fanout doctor' checks every agent"
                    : $"agent '{c.Agent}' runs '{c.Program}', which is not found{(c.Program.Contains('/', StringComparison.Ordinal) ? string.Empty : " on PATH")}; install it or fix the agent's 'command:'"));

    private static async Task<InputProblem?> TrackerAsync(TrackerChoice tracker, CancellationToken cancellationToken)
    {
        if (tracker.GitHub is not { } github)
        {
            return null;
        }

        var reason = await GitHubHttp.ProbeAsync(github.ApiBase, cancellationToken);
        return reason is null
            ? null
            : new InputProblem(null, $"cannot reach GitHub at {github.ApiBase.Host} ({reason}; connect timeout {GitHubHttp.ConnectTimeout.TotalSeconds:0} s); check the network or HTTPS_PROXY, point 'github: baseUrl:' in the plan at your GitHub's API, or run with --tracker local");
    }
}
