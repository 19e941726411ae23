using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Agents;

/// <summary>One agent a plan uses: is its program there, which version, and how to get it when it is not.</summary>
public sealed record AgentCheck(string Agent, string Kind, string Program)
{
    public string? Path { get; init; }

    public string? Version { get; init; }

    public string? InstallHint { get; init; }

    public bool Found => Path is not null;
}

/// <summary>Checks the agents a plan uses (or every preset) without running any task: PATH lookup, then <c>--version</c>.</summary>
public sealed class AgentDoctor(IProcessRunner runner)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<AgentCheck>> CheckAsync(Plan? plan, CancellationToken cancellationToken)
    {
        var definitions = plan is null
            ? AgentPresets.Names.Order(StringComparer.Ordinal).Select(n => new AgentDefinition(n) { Preset = n }).ToArray()
            : UsedBy(plan);
        var checks = new List<AgentCheck>();
        foreach (var definition in definitions)
        {
            var check = Locate(definition, plan is null ? null : PlanFolder(plan));

            // A command is not asked for its version: it may be a script that does real work.
            checks.Add(check is { Found: true, Kind: not CommandKind } ? check with { Version = await VersionAsync(check.Path!, definition, cancellationToken) } : check);
        }

        return checks;
    }

    /// <summary>Every agent the plan uses, looked up on PATH without starting any: what a run checks before it creates anything.</summary>
    public static IReadOnlyList<AgentCheck> Locate(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return UsedBy(plan).Select(d => Locate(d, PlanFolder(plan))).ToArray();
    }

    private const string CommandKind = "command";

    private static AgentCheck Locate(AgentDefinition definition, string? planFolder)
    {
        var searchPath = definition.Environment.GetValueOrDefault("PATH");
        if (definition.Command is { } command)
        {
            var program = command.IsShell ? "sh" : command.Argv[0];
            return new AgentCheck(definition.Name, CommandKind, program) { Path = ProgramLocator.Find(program, searchPath, planFolder) };
        }

        var preset = AgentPresets.Get(definition.Preset ?? definition.Name);
        var path = ProgramLocator.Find(preset.Program, searchPath);
        return new AgentCheck(definition.Name, preset.Name, preset.Program) { Path = path, InstallHint = path is null ? preset.InstallHint : null };
    }

    private static string? PlanFolder(Plan plan) => Path.GetDirectoryName(Path.GetFullPath(plan.SourceFile));

    private async Task<string> VersionAsync(string path, AgentDefinition definition, CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec(path, ["--version"])
        {
            Timeout = VersionTimeout,
            Environment = definition.Environment.ToDictionary(p => p.Key, p => (string?)p.Value),
        };
        var result = await runner.RunAsync(spec, cancellationToken);
        var line = (result.StandardOutput + "\n" + result.StandardError).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return result.TimedOut ? $"no answer to --version within {VersionTimeout.TotalSeconds:0} s"
            : result.ExitCode != 0 ? $"--version failed with exit code {result.ExitCode}{(line is null ? string.Empty : ": " + line)}"
            : line ?? "unknown";
    }

    /// <summary>The plan's default agent and every task's own, each once, in the order the plan names them.</summary>
    private static AgentDefinition[] UsedBy(Plan plan) =>
        new[] { plan.Agent }.Concat(plan.Tasks.Select(plan.AgentOf))
            .Distinct(StringComparer.Ordinal)
            .Where(name => plan.Tasks.Any(t => plan.AgentOf(t) == name))
            .Select(name => plan.Agents.GetValueOrDefault(name) ?? new AgentDefinition(name) { Preset = name })
            .ToArray();
}
