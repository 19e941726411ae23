using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Planning;

/// <summary>
/// How one planner runs: Claude Code read-only with the plan schema as structured output, or a
/// plan's own command agent that prints the JSON. The prompt goes to standard input either way
/// (and, for a command, to a file it may name as {prompt_file}); the output is read as it streams.
/// </summary>
public sealed class PlannerAgent
{
    /// <summary>A planner that runs longer than this is stopped, unless its agent sets its own timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);

    private readonly AgentDefinition _definition;

    private PlannerAgent(AgentDefinition definition) => _definition = definition;

    public string Name => _definition.Name;

    /// <summary>The planner named <paramref name="name"/> (a preset or a name under the project's <c>agents:</c>); refused with one line when it cannot plan.</summary>
    public static PlannerAgent Resolve(string name, Plan defaults)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(defaults);
        var definition = defaults.Agents.TryGetValue(name, out var defined) ? defined
            : BuiltInAgents.Names.Contains(name) ? new AgentDefinition(name) { Preset = name }
            : throw new UserInputException($"unknown planner '{name}'; use claude, or an agent with a command under 'agents:' in fanout.yaml");
        if (definition.Command is null && (definition.Preset ?? definition.Name) != "claude")
        {
            throw new UserInputException($"agent '{name}' cannot plan: planning needs the claude preset (read-only, structured output) or a command that prints the tasks as JSON (docs/planning.md)");
        }

        return new PlannerAgent(definition);
    }

    /// <summary>Runs the planner once on <paramref name="prompt"/>; every stdout line goes to <paramref name="output"/> and to the log.</summary>
    public async Task<ProcessResult> RunAsync(IProcessRunner runner, string repository, string prompt, string promptFile, string logFile, PlannerOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(Path.GetDirectoryName(promptFile)!);
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        await File.WriteAllTextAsync(promptFile, prompt, cancellationToken);
        var environment = _definition.Environment.ToDictionary(p => p.Key, p => (string?)p.Value);
        environment["FANOUT_REPO"] = repository;
        environment["FANOUT_PLAN_PROMPT_FILE"] = promptFile;
        var (program, arguments) = Command(repository, promptFile);
        var located = ProgramLocator.Find(program, environment.GetValueOrDefault("PATH"), repository)
            ?? throw new UserInputException(program == "claude"
                ? "claude: not found on PATH; install it: npm install -g @anthropic-ai/claude-code"
                : $"planner '{Name}': program '{program}' not found on PATH");
        await using var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var gate = new Lock();
        var spec = new ProcessSpec(located, arguments)
        {
            WorkingDirectory = repository,
            Environment = environment,
            StandardInput = prompt,
            Timeout = _definition.Timeout ?? DefaultTimeout,
            OnLine = (stream, line) =>
            {
                lock (gate)
                {
                    log.WriteLine(stream == OutputKind.StandardError ? "! " + line : line);
                    if (stream == OutputKind.StandardOutput)
                    {
                        output.Read(line);
                    }
                }
            },
        };
        return await runner.RunAsync(spec, cancellationToken);
    }

    private (string Program, IReadOnlyList<string> Arguments) Command(string repository, string promptFile)
    {
        if (_definition.Command is { } command)
        {
            return command.Resolve(new Dictionary<string, string> { ["prompt_file"] = promptFile, ["repo"] = repository, ["worktree"] = repository });
        }

        // Read-only: plan mode, and only the reading tools allowed without asking; the answer comes as structured output.
        var arguments = new List<string>
        {
            "-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages",
            "--permission-mode", "plan", "--json-schema", PlanSchema.Json,
        };
        if (_definition.Options.GetValueOrDefault("model") is { Length: > 0 } model)
        {
            arguments.AddRange(["--model", model]);
        }

        arguments.AddRange(["--allowedTools", "Read,Glob,Grep"]);
        return ("claude", arguments);
    }
}
