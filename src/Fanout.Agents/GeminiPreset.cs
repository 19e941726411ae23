namespace Fanout.Agents;

/// <summary>
/// Gemini CLI's headless mode: <c>gemini --approval-mode yolo --skip-trust --prompt=TEXT</c>. The prompt is one
/// <c>--prompt=</c> argument, so text starting with a dash is never read as a flag; <c>--skip-trust</c> because
/// every worktree is a folder the user has not trusted yet. Options: <c>model</c>, <c>approvalMode</c>
/// (default, auto_edit, yolo, plan).
/// </summary>
public sealed class GeminiPreset : IAgentPreset
{
    public const string DefaultApprovalMode = "yolo";

    public string Name => "gemini";

    public string Program => "gemini";

    public string InstallHint => "npm install -g @google/gemini-cli";

    public IReadOnlyList<string> KeyVariables { get; } = ["GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS"];

    public IReadOnlyList<string> Arguments(AgentInvocation invocation, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string> { "--approval-mode", options.GetValueOrDefault("approvalMode") ?? DefaultApprovalMode, "--skip-trust" };
        if (options.GetValueOrDefault("model") is { Length: > 0 } model)
        {
            arguments.AddRange(["--model", model]);
        }

        // A dry run describes the command before the prompt file is written.
        arguments.Add("--prompt=" + (File.Exists(invocation.PromptFile) ? File.ReadAllText(invocation.PromptFile) : $"(the text of {invocation.PromptFile})"));
        return arguments;
    }

    public string? StandardInput(AgentInvocation invocation) => null;

    public IAgentOutputReader? CreateReader() => null;
}
