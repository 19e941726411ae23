using System.Globalization;

using Fanout.Core;
using Fanout.Orchestration.Pipeline;


namespace Fanout.Orchestration;

/// <summary>
/// The <c>FANOUT_*</c> variables of setup, agent and test commands, so that commands given as
/// strings never need task data spliced in; every credential (<see cref="SecretVariables.All"/>) is
/// removed. A value left null is not set at all (the integration worktree has no issue or port).
/// </summary>
public sealed record TaskVariables(string RunId, string TaskId, string BaseRef, string BaseCommit, string Repository)
{
    public string? Title { get; init; }

    public string? Branch { get; init; }

    public string? Worktree { get; init; }

    public string? Issue { get; init; }

    public string? PromptFile { get; init; }

    public string? LogFile { get; init; }

    public string? Port { get; init; }

    public string? PortCount { get; init; }

    /// <summary>The fanout an agent runs to ask or report progress (<c>"$FANOUT_CLI" ask ...</c>).</summary>
    public string? Cli { get; init; }

    /// <summary>Seconds a question waits for its answer.</summary>
    public string? AskTimeout { get; init; }

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
            Cli = run.Endpoint?.Cli,
            AskTimeout = run.Endpoint?.AskTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
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
        Set(variables, "FANOUT_CLI", Cli);
        Set(variables, "FANOUT_ASK_TIMEOUT", AskTimeout);
        foreach (var secret in SecretVariables.All)
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
