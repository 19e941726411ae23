using Fanout.Agents;
using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Orchestration;

/// <summary>Where a plan command runs: its worktree, its log, the values a list may name as {placeholders}, and its environment.</summary>
public sealed record CommandScope(string Worktree, string LogFile, IReadOnlyDictionary<string, string> Placeholders, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>Called with the pid of the command's process (the leader of its own process group) once it started.</summary>
    public Action<int>? OnStarted { get; init; }
}

/// <summary>The one way a plan's commands run (a task's setup and test, the integration branch's test): in a worktree, output to the log, in a process group of their own.</summary>
public sealed class PlanCommandRunner(IProcessRunner runner)
{
    public async Task<ProcessResult> RunAsync(CommandSpec command, CommandScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(scope);
        var (fileName, arguments) = command.Resolve(scope.Placeholders);
        await using var log = TaskLog.Open(scope.LogFile);
        var spec = new ProcessSpec(fileName, arguments)
        {
            WorkingDirectory = scope.Worktree,
            Environment = scope.Environment,
            OnLine = log.Write,

            // A setup or test command never outlives the Fanout that started it.
            Isolated = true,
            OnStarted = scope.OnStarted,
        };
        log.Header(spec.Display);
        var result = await runner.RunAsync(spec, cancellationToken);
        log.Footer(result);
        return result;
    }
}
