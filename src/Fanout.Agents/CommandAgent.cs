using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Agents;

/// <summary>Any program, from an argv template (or a shell string that gets task data only through FANOUT_* variables).</summary>
public sealed class CommandAgent(string name, CommandSpec command, IProcessRunner runner) : IAgent
{
    public string Name { get; } = name;

    public bool NeedsIssue => command.Uses("issue");

    public string Describe(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (fileName, arguments) = command.Resolve(invocation.Placeholders());
        return AgentProcess.Display(fileName, arguments);
    }

    public async Task<AgentOutcome> RunAsync(AgentInvocation invocation, IProgress<AgentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (fileName, arguments) = command.Resolve(invocation.Placeholders());

        // A plan that sets PATH for its agent means that PATH for finding the program too.
        var program = invocation.Environment.ContainsKey("PATH") ? AgentProcess.Locate(fileName, invocation) ?? fileName : fileName;
        var outcome = await AgentProcess.RunAsync(runner, program, arguments, invocation, null, null, progress, cancellationToken);
        return outcome with { Command = AgentProcess.Display(fileName, arguments) };
    }
}
