namespace Fanout.Agents;

/// <summary>
/// Codex CLI's non-interactive mode: <c>codex exec --json --sandbox workspace-write -</c>, the prompt on stdin
/// (<c>-</c> says so). exec mode never asks for approval; the sandbox decides what commands may write.
/// Options: <c>model</c>, <c>sandbox</c> (read-only, workspace-write, danger-full-access). In a run that
/// gives its agents a Fanout endpoint, Codex gets it as an <c>mcp_servers.fanout</c> config override.
/// </summary>
public sealed class CodexPreset : IAgentPreset
{
    public const string DefaultSandbox = "workspace-write";

    public string Name => "codex";

    public string Program => "codex";

    public string InstallHint => "npm install -g @openai/codex";

    public IReadOnlyList<string> KeyVariables { get; } = ["OPENAI_API_KEY", "CODEX_API_KEY"];

    public IReadOnlyList<string> Arguments(AgentInvocation invocation, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(invocation);

        // `codex exec resume THREAD` continues an earlier thread, reading the next instruction from stdin as exec does.
        List<string> arguments = invocation.ResumeSession is { Length: > 0 } thread ? ["exec", "resume", thread] : ["exec"];
        arguments.AddRange(["--json", "--sandbox", options.GetValueOrDefault("sandbox") ?? DefaultSandbox]);
        if (options.GetValueOrDefault("model") is { Length: > 0 } model)
        {
            arguments.AddRange(["--model", model]);
        }

        if (invocation is not null && FanoutEndpoint.For(invocation) is { } endpoint)
        {
            arguments.AddRange(endpoint.CodexOverrides());
        }

        arguments.Add("-");
        return arguments;
    }

    public string? StandardInput(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.ResumeSession is { Length: > 0 } && invocation.Continuation is { } next ? next : File.ReadAllText(invocation.PromptFile);
    }

    public IAgentOutputReader CreateReader() => new CodexJsonReader();
}
