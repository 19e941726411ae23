using Fanout.Orchestration.Session;

namespace Fanout.Orchestration;

/// <summary>
/// How a run's task agents reach it: <see cref="Cli"/> starts this fanout (as <c>fanout mcp --task</c>
/// for agents that speak MCP, as <c>fanout ask</c> and <c>fanout progress</c> for the rest), and every
/// question waits at most <see cref="AskTimeout"/>. The run itself serves nothing: questions,
/// answers and progress go through the journal (docs/mcp.md says why).
/// </summary>
public sealed record TaskEndpoint(string Cli, TimeSpan AskTimeout)
{
    public static readonly TimeSpan DefaultAskTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The endpoint of a run in <paramref name="session"/>; null when this process cannot say how to start itself.</summary>
    public static TaskEndpoint? For(FanoutSession session, PreparedRun prepared)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prepared);
        return session.Host.Self is { } self ? new TaskEndpoint(self.Launcher(session.Paths), prepared.AskTimeout) : null;
    }
}
