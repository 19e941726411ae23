namespace Fanout.Agents;

/// <summary>
/// Codex CLI's non-interactive mode: <c>codex exec --json --sandbox workspace-write -</c>, the prompt on stdin
/// (<c>-</c> says so). exec mode never asks for approval; the sandbox decides what commands may write.
/// Options: <c>model</c>, <c>sandbox</c> (read-only, workspace-write, danger-full-access).
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
        var arguments = new List<string> { "exec", "--json", "--sandbox", options.GetValueOrDefault("sandbox") ?? DefaultSandbox };
        if (options.GetValueOrDefault("model") is { Length: > 0 } model)
        {
            arguments.AddRange(["--model", model]);
        }

        arguments.Add("-");
        return arguments;
    }

    public string? StandardInput(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return File.ReadAllText(invocation.PromptFile);
    }

    public IAgentOutputReader CreateReader() => new CodexJsonReader();
}
