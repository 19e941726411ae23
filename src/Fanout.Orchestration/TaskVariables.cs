using System.Globalization;

using Fanout.Orchestration.Pipeline;


namespace Fanout.Orchestration;

/// <summary>
/// The <c>FANOUT_*</c> variables of setup, agent and test commands, so that commands given as
/// strings never need task data spliced in; the tracker's credentials are removed. A value left
/// null is not set at all (the integration worktree has no issue or port).
/// </summary>
public sealed record TaskVariables(string RunId, string TaskId, string BaseRef, string BaseCommit, string Repository)
{
    /// <summary>
    /// The variables that hold the tracker's credentials and the shared database's (its connection
    /// string, libpq's password and password file): the run's, never an agent's unless the plan says so.
    /// </summary>
    public static IReadOnlyList<string> SecretVariables { get; } = ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "FANOUT_DB", "PGPASSWORD", "PGPASSFILE"];

    /// <summary>The tracker's own: what <c>passTrackerToken</c> may hand an agent. The database's never reach one.</summary>
    public static IReadOnlyList<string> TrackerSecretVariables { get; } = ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN"];

    public string? Title { get; init; }

    public string? Branch { get; init; }

    public string? Worktree { get; init; }

    public string? Issue { get; init; }

    public string? PromptFile { get; init; }

    public string? LogFile { get; init; }

    public string? Port { get; init; }

    public string? PortCount { get; init; }

    /// <summary>A task's variables: everything known about it so far, empty where not yet known.</summary>
    public static TaskVariables ForTask(RunContext run, TaskRuntime task)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(task);
        return new TaskVariables(run.RunId, task.Task.Id, run.BaseRef, run.BaseCommit, run.Paths.Root)
        {
            Title = task.Task.Title,
            Branch = task.Workspace?.Branch ?? string.Empty,
            Worktree = task.Workspace?.Path ?? string.Empty,
            Issue = task.IssueNumber?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            PromptFile = run.Paths.PromptFile(run.RunId, task.Task.Id),
            LogFile = run.Paths.LogFile(run.RunId, task.Task.Id),
            Port = task.Ports?.First.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            PortCount = task.Ports?.Count.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }

    public IReadOnlyDictionary<string, string?> ToEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FANOUT_RUN"] = RunId,
            ["FANOUT_TASK"] = TaskId,
            ["FANOUT_BASE"] = BaseRef,
            ["FANOUT_BASE_COMMIT"] = BaseCommit,
            ["FANOUT_REPO"] = Repository,
        };
        Set(variables, "FANOUT_TITLE", Title);
        Set(variables, "FANOUT_BRANCH", Branch);
        Set(variables, "FANOUT_WORKTREE", Worktree);
        Set(variables, "FANOUT_ISSUE", Issue);
        Set(variables, "FANOUT_PROMPT_FILE", PromptFile);
        Set(variables, "FANOUT_LOG_FILE", LogFile);
        Set(variables, "FANOUT_PORT", Port);
        Set(variables, "FANOUT_PORT_COUNT", PortCount);
        foreach (var secret in SecretVariables)
        {
            variables[secret] = null;
        }

        return variables;
    }

    private static void Set(Dictionary<string, string?> variables, string name, string? value)
    {
        if (value is not null)
        {
            variables[name] = value;
        }
    }
}
