namespace Fanout.Agents;

/// <summary>
/// Claude Code in print mode: <c>claude -p --output-format stream-json --verbose --permission-mode acceptEdits</c>,
/// the prompt on stdin (no argv length limit, and a prompt can never be read as a flag). Options:
/// <c>permissionMode</c>, <c>model</c>, <c>maxTurns</c>, <c>allowedTools</c> (comma or space separated).
/// </summary>
public sealed class ClaudePreset : IAgentPreset
{
    public const string DefaultPermissionMode = "acceptEdits";

    public string Name => "claude";

    public string Program => "claude";

    public string InstallHint => "npm install -g @anthropic-ai/claude-code";

    public IReadOnlyList<string> Arguments(AgentInvocation invocation, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string>
        {
            "-p", "--output-format", "stream-json", "--verbose",
            "--permission-mode", options.GetValueOrDefault("permissionMode") ?? DefaultPermissionMode,
        };
        if (options.GetValueOrDefault("model") is { Length: > 0 } model)
        {
            arguments.AddRange(["--model", model]);
        }

        if (options.GetValueOrDefault("maxTurns") is { Length: > 0 } turns)
        {
            arguments.AddRange(["--max-turns", turns]);
        }

        if (invocation.ResumeSession is { Length: > 0 } session)
        {
            arguments.AddRange(["--resume", session]);
        }

        // Last, because the flag takes a variable number of values.
        if (options.GetValueOrDefault("allowedTools") is { Length: > 0 } tools)
        {
            arguments.AddRange(["--allowedTools", tools]);
        }

        return arguments;
    }

    /// <summary>The whole prompt; a continued session already knows it and gets only what comes next.</summary>
    public string? StandardInput(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.ResumeSession is { Length: > 0 } && invocation.Continuation is { } next ? next : File.ReadAllText(invocation.PromptFile);
    }

    public IAgentOutputReader CreateReader() => new ClaudeStreamJsonReader();
}
