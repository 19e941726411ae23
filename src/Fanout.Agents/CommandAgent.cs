using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Agents;

/// <summary>Any program, from an argv template (or a shell string that gets task data only through FANOUT_* variables).</summary>
public sealed class CommandAgent(string name, CommandSpec command, IProcessRunner runner) : IAgent
{
    public string Name { get; } = name;

    public bool NeedsIssue => command.Uses("issue");

    public string Describe(AgentInvocation invocation) => Spec(invocation).Display;

    public async Task<AgentOutcome> RunAsync(AgentInvocation invocation, IProgress<AgentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        await using var log = TaskLog.Open(invocation.LogFile);
        var spec = Spec(invocation) with { OnLine = (stream, line) => log.Write(stream, line) };
        log.Header(spec.Display);
        var result = await runner.RunAsync(spec, cancellationToken);
        log.Footer(result);
        return new AgentOutcome(spec.Display, result.ExitCode, result.TimedOut, result.Duration, result.StandardErrorTail(10));
    }

    private ProcessSpec Spec(AgentInvocation invocation)
    {
        var (fileName, arguments) = command.Resolve(invocation.Placeholders());
        return new ProcessSpec(fileName, arguments)
        {
            WorkingDirectory = invocation.Worktree,
            Environment = invocation.Environment,
            Timeout = invocation.Timeout,
            CaptureLimit = 64 * 1024,
        };
    }
}
