namespace Fanout.Agents;

/// <summary>Everything an agent run needs; built by the task worker once the workspace is ready.</summary>
public sealed record AgentInvocation(
    string RunId,
    string TaskId,
    string Title,
    string PromptFile,
    string Worktree,
    string Branch,
    string LogFile)
{
    public int? Issue { get; init; }

    /// <summary>FANOUT_* and other variables for the agent's process (null removes an inherited one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public TimeSpan? Timeout { get; init; }

    /// <summary>The agent's own session of an earlier attempt to continue (Claude Code's <c>--resume</c>); null starts afresh.</summary>
    public string? ResumeSession { get; init; }

    /// <summary>What the agent is told when it continues its session: the follow-up of a retry, or to finish what it was doing.</summary>
    public string? Continuation { get; init; }

    /// <summary>Called with the pid of the agent's process (the leader of its own process group) once it started.</summary>
    public Action<int>? OnProcessStarted { get; init; }

    /// <summary>The values argv templates may name as {placeholders}.</summary>
    public IReadOnlyDictionary<string, string> Placeholders() => new Dictionary<string, string>
    {
        ["run"] = RunId,
        ["task"] = TaskId,
        ["title"] = Title,
        ["prompt_file"] = PromptFile,
        ["prompt"] = File.Exists(PromptFile) ? File.ReadAllText(PromptFile) : string.Empty,
        ["worktree"] = Worktree,
        ["branch"] = Branch,
        ["issue"] = Issue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}

/// <summary>How an agent process ended. Its own claims of success are not trusted; the gate decides.</summary>
public sealed record AgentOutcome(string Command, int ExitCode, bool TimedOut, TimeSpan Duration, string StderrTail)
{
    /// <summary>What the agent said about itself, when its output is machine-readable.</summary>
    public AgentReport? Report { get; init; }

    /// <summary>The process ended well and the agent did not say it failed; whether it did the work is the gate's call.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut && Report?.IsError != true;

    /// <summary>Why the run counts as failed, in one line, with what the agent itself reported.</summary>
    public string Failure(string agent, TimeSpan? timeout)
    {
        var reason = TimedOut ? $"agent {agent} timed out after {timeout ?? Duration}"
            : ExitCode != 0 ? $"agent {agent} exited with code {ExitCode}"
            : $"agent {agent} exited with code 0 but reported an error";
        return Report?.Notes() is { } notes ? $"{reason}; {notes}" : reason;
    }
}

/// <summary>Something an agent reported while working (a tool use, a turn, its cost).</summary>
public sealed record AgentProgress(string Kind, string Text)
{
    /// <summary>The kind that names the agent's own session id, which a later attempt can continue.</summary>
    public const string Session = "session";

    /// <summary>The last line a command agent (one without an output reader) printed.</summary>
    public const string Output = "output";
}
