using Fanout.Processes;

namespace Fanout.Agents;

/// <summary>An agent CLI run through its preset: found on PATH, its options applied, its output read for progress.</summary>
public sealed class PresetAgent(string name, IAgentPreset preset, IReadOnlyDictionary<string, string> options, IProcessRunner runner) : IAgent
{
    public string Name { get; } = name;

    public IAgentPreset Preset => preset;

    public bool NeedsIssue => false;

    public string Describe(AgentInvocation invocation) => AgentProcess.Display(preset.Program, preset.Arguments(invocation, options));

    public async Task<AgentOutcome> RunAsync(AgentInvocation invocation, IProgress<AgentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = preset.Arguments(invocation, options);
        if (AgentProcess.Locate(preset.Program, invocation) is not { } program)
        {
            // A missing CLI is the user's to fix; say how, in the words the failure report shows.
            var message = $"{preset.Program}: not found on PATH; install it: {preset.InstallHint}";
            await using var log = TaskLog.Open(invocation.LogFile);
            log.Write(OutputKind.StandardError, message);
            return new AgentOutcome(AgentProcess.Display(preset.Program, arguments), 127, false, TimeSpan.Zero, message);
        }

        var environment = preset.Environment(invocation).Where(p => !invocation.Environment.ContainsKey(p.Key)).ToArray();
        if (environment.Length > 0)
        {
            invocation = invocation with { Environment = invocation.Environment.Concat(environment).ToDictionary(p => p.Key, p => p.Value) };
        }

        var outcome = await AgentProcess.RunAsync(runner, program, arguments, invocation, preset.StandardInput(invocation), preset.CreateReader(), progress, cancellationToken);
        return outcome with { Command = AgentProcess.Display(preset.Program, arguments) };
    }
}
