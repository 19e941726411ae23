using Fanout.Agents;
using Fanout.Journal;

namespace Fanout.Orchestration;

/// <summary>
/// The verification gate's checks, each failing with its own name first: <c>gate: commits</c> (the branch has
/// nothing against its base) or <c>gate: tests</c> (the test command failed). What the agent said is quoted, never trusted.
/// </summary>
internal static class Gate
{
    public static string NoChanges(string branch, string baseRef, AgentReport? report)
    {
        var message = $"gate: commits: no changes: branch {branch} has no commits against {baseRef}; the agent changed nothing";
        return report?.Notes() is { } notes ? $"{message} ({notes})" : message;
    }

    public static async Task TestsAsync(Func<Task> runTests)
    {
        try
        {
            await runTests();
        }
        catch (PhaseFailedException failure)
        {
            throw new PhaseFailedException(Phase.Verify, $"gate: tests: {failure.Message}", failure.Command, failure.ExitCode, failure.StderrTail, failure);
        }
    }
}
