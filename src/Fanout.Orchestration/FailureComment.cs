using Fanout.Journal;
using Fanout.Orchestration.Pipeline;

namespace Fanout.Orchestration;

/// <summary>The issue comment for a failed task: the phase, the command, its exit code, the stderr tail, and where to look.</summary>
internal static class FailureComment
{
    public static string Render(RunContext run, TaskRuntime task, PhaseFailedException failure)
    {
        var lines = new List<string>
        {
            $"Fanout run `{run.RunId}`: task `{task.Task.Id}` failed in phase **{failure.Phase.Name()}**.",
            string.Empty,
            failure.Message,
        };
        if (failure.Command is { } command)
        {
            lines.Add(string.Empty);
            lines.Add($"Command: `{command}`" + (failure.ExitCode is { } code ? $" (exit code {code})" : string.Empty));
        }

        if (!string.IsNullOrWhiteSpace(failure.StderrTail))
        {
            lines.AddRange([string.Empty, "```", failure.StderrTail, "```"]);
        }

        if (task.Workspace is { } workspace)
        {
            lines.AddRange([string.Empty, $"Work is kept on branch `{workspace.Branch}` in `{workspace.Path}`."]);
        }

        lines.Add($"Log: `fanout logs {task.Task.Id} --run {run.RunId}`.");
        return string.Join('\n', lines);
    }
}
