namespace Fanout.Agents;

public interface IAgent
{
    string Name { get; }

    /// <summary>True when the agent's command names {issue}: such an agent waits for its issue to exist.</summary>
    bool NeedsIssue { get; }

    /// <summary>Human-readable command line, for dry runs and error messages.</summary>
    string Describe(AgentInvocation invocation);

    Task<AgentOutcome> RunAsync(AgentInvocation invocation, IProgress<AgentProgress>? progress, CancellationToken cancellationToken);
}
