using Fanout.Agents;
using Fanout.Orchestration.Pipeline;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>What every worker of one run shares: the session's services, the prepared run, and the run's own tracker and recorder.</summary>
public sealed record RunContext(FanoutSession Session, PreparedRun Prepared)
{
    public required ITracker Tracker { get; init; }

    public required IWorkspaceProvider Workspaces { get; init; }

    public required AgentFactory Agents { get; init; }

    public required RunRecorder Recorder { get; init; }

    /// <summary>Include files, dependency cache and ports; null leaves the environment to the setup command alone.</summary>
    public EnvironmentPreparer? Environments { get; init; }

    /// <summary>The <c>fanout worker</c> running this run's task here, journaled on every phase; null in a run of one process.</summary>
    public string? Worker { get; init; }

    /// <summary>Puts a task's work where other machines see it (the shared remote) before its agent or verify phase is journaled as done; null in a run of one process.</summary>
    public IBranchPublisher? Publisher { get; init; }

    /// <summary>Where task agents reach the run (ask, report progress); null when they cannot.</summary>
    public TaskEndpoint? Endpoint { get; init; }

    public string RunId => Prepared.RunId;

    public RunIdentity Run => Prepared.Run;

    public Plan Plan => Prepared.Plan;

    public RepositoryPaths Paths => Session.Paths;

    public string BaseRef => Prepared.Run.BaseRef;

    public string BaseCommit => Prepared.Run.BaseCommit;

    public SetupStrategy Strategy => Prepared.Strategy;

    public int MaxParallel => Prepared.MaxParallel;

    public IGit Git => Session.Git;

    public IProcessRunner Runner => Session.Runner;

    /// <summary>Deliver by pushing the branch and opening a pull request instead of closing the issue.</summary>
    public bool PullRequests => Prepared.PullRequests;
}
