using Fanout.Agents;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>What every worker of one run shares: the plan, where things go, and the services behind interfaces.</summary>
public sealed record RunContext(
    string RunId,
    Plan Plan,
    RepositoryPaths Paths,
    string BaseRef,
    string BaseCommit,
    SetupStrategy Strategy,
    int MaxParallel)
{
    public required ITracker Tracker { get; init; }

    public required IWorkspaceProvider Workspaces { get; init; }

    public required IGit Git { get; init; }

    public required IProcessRunner Runner { get; init; }

    public required AgentFactory Agents { get; init; }

    public required RunRecorder Recorder { get; init; }

    /// <summary>Deliver by pushing the branch and opening a pull request instead of closing the issue.</summary>
    public bool PullRequests { get; init; }

    /// <summary>Include files, dependency cache and ports; null leaves the environment to the setup command alone.</summary>
    public EnvironmentPreparer? Environments { get; init; }

    /// <summary>Variables every task's setup, agent and test commands get (FANOUT_RUN, FANOUT_BASE, ...).</summary>
    public IReadOnlyDictionary<string, string?> Environment(TaskRuntime task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var variables = new Dictionary<string, string?>
        {
            ["FANOUT_RUN"] = RunId,
            ["FANOUT_TASK"] = task.Task.Id,
            ["FANOUT_TITLE"] = task.Task.Title,
            ["FANOUT_BASE"] = BaseRef,
            ["FANOUT_BASE_COMMIT"] = BaseCommit,
            ["FANOUT_REPO"] = Paths.Root,
            ["FANOUT_BRANCH"] = task.Workspace?.Branch ?? string.Empty,
            ["FANOUT_WORKTREE"] = task.Workspace?.Path ?? string.Empty,
            ["FANOUT_ISSUE"] = task.IssueNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            ["FANOUT_PROMPT_FILE"] = Paths.PromptFile(RunId, task.Task.Id),
            ["FANOUT_LOG_FILE"] = Paths.LogFile(RunId, task.Task.Id),
            ["FANOUT_PORT"] = task.Ports?.First.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            ["FANOUT_PORT_COUNT"] = task.Ports?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        };

        // Tracker credentials are the run's, not the agent's.
        foreach (var secret in SecretVariables)
        {
            variables[secret] = null;
        }

        return variables;
    }

    public static IReadOnlyList<string> SecretVariables { get; } = ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN"];
}
