namespace Fanout.Agents;

/// <summary>
/// Claude Code in print mode: <c>claude -p --output-format stream-json --verbose --permission-mode acceptEdits</c>,
/// the prompt on stdin (no argv length limit, and a prompt can never be read as a flag). Options:
/// <c>permissionMode</c>, <c>model</c>, <c>maxTurns</c>, <c>allowedTools</c> (comma or space separated).
/// In a run that gives its agents a Fanout endpoint, Claude gets it through <c>--mcp-config</c>, its two
/// tools allowed (<c>mcp__fanout</c>).
/// </summary>
public sealed class ClaudePreset : IAgentPreset
{
    public const string DefaultPermissionMode = "acceptEdits";

    public string Name => "claude";

    public string Program => "claude";

    public string InstallHint => "npm install -g @anthropic-ai/claude-code";

    public IReadOnlyList<string> KeyVariables { get; } = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"];

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

        var endpoint = FanoutEndpoint.For(invocation);
        if (endpoint is not null)
        {
            arguments.AddRange(["--mcp-config", endpoint.ClaudeConfig()]);
        }

        // Last, because the flag takes a variable number of values.
        var allowed = new[] { options.GetValueOrDefault("allowedTools"), endpoint is null ? null : "mcp__" + FanoutEndpoint.ServerName }
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .ToArray();
        if (allowed.Length > 0)
        {
            arguments.AddRange(["--allowedTools", string.Join(',', allowed)]);
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

    /// <summary>
    /// With the Fanout endpoint, Claude Code waits for it to connect before its first request (in print
    /// mode it otherwise connects in the background, and a first call of ask finds no such tool).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment(AgentInvocation invocation) =>
        invocation is not null && FanoutEndpoint.For(invocation) is not null
            ? new Dictionary<string, string?> { ["MCP_CONNECTION_NONBLOCKING"] = "false" }
            : new Dictionary<string, string?>();
}
