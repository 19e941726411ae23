namespace Fanout.Agents;

/// <summary>
/// Aider with the prompt file as its one message: <c>aider --message-file FILE --yes-always</c>. Aider's own
/// git commits are turned off (<c>--no-auto-commits --no-dirty-commits</c>): Fanout's gate commits what the agent
/// left as one commit named after the task and issue, as for every other agent, and Aider never commits
/// someone else's changes. It must not touch <c>.gitignore</c> (<c>--no-gitignore</c>) and keeps its history files
/// next to the prompt, outside the worktree, so they are never committed. Options: <c>model</c>.
/// </summary>
public sealed class AiderPreset : IAgentPreset
{
    public string Name => "aider";

    public string Program => "aider";

    public string InstallHint => "python -m pip install aider-install && aider-install (or: pipx install aider-chat)";

    /// <summary>Aider talks to whichever of these vendors its model names.</summary>
    public IReadOnlyList<string> KeyVariables { get; } = ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY"];

    public IReadOnlyList<string> Arguments(AgentInvocation invocation, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(options);
        var history = Path.ChangeExtension(invocation.PromptFile, null);
        var arguments = new List<string>
        {
            "--message-file", invocation.PromptFile,
            "--yes-always",
            "--no-auto-commits", "--no-dirty-commits", "--no-gitignore",
            "--input-history-file", history + ".aider.input.history",
            "--chat-history-file", history + ".aider.chat.history.md",
            "--no-check-update", "--no-show-release-notes", "--analytics-disable", "--no-pretty",
        };
        if (options.GetValueOrDefault("model") is { Length: > 0 } model)
        {
            arguments.AddRange(["--model", model]);
        }

        return arguments;
    }

    public string? StandardInput(AgentInvocation invocation) => null;

    public IAgentOutputReader? CreateReader() => null;
}
