using Fanout.Agents;
using Fanout.Orchestration;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

/// <summary>What a run would create, from a prepared run; nothing is written anywhere.</summary>
internal static class DryRunReport
{
    public static void Write(TextWriter output, PreparedRun run)
    {
        output.WriteLine($"Dry run: plan {run.Plan.Name} ({run.Plan.Tasks.Count} tasks) in {run.Paths.Root}");
        output.WriteLine($"  base {run.BaseRef} at {run.BaseCommit[..12]}; strategy {run.Strategy.Name()}; max parallel {run.MaxParallel}; tracker {run.Tracker.Describe()}{(run.PullRequests ? "; delivers pull requests" : string.Empty)}{Latency(run)}");
        output.WriteLine($"  run id would be {run.RunId}; state in {run.Paths.StateDir}; worktrees under {run.Paths.WorktreeRoot}");
        var agents = new AgentFactory(ProcessRunner.Instance);
        var table = new TextTable("TASK", "DEPENDS ON", "ISSUE TITLE", "BRANCH", "WORKTREE", "AGENT");
        foreach (var id in run.Plan.DependencyOrder)
        {
            var task = run.Plan.Task(id);
            table.Add(
                task.Id,
                task.DependsOn.Count == 0 ? "-" : string.Join(",", task.DependsOn),
                task.Title,
                run.BranchOf(task),
                run.WorktreeOf(task),
                AgentLine(agents, run, task));
        }

        table.Write(output);
        output.WriteLine("Nothing was created.");
    }

    private static string Latency(PreparedRun run) =>
        run.TrackerLatency > TimeSpan.Zero ? $"; {run.TrackerLatency.TotalMilliseconds:0.###} ms added to every tracker request" : string.Empty;

    private static string AgentLine(AgentFactory agents, PreparedRun run, PlanTask task)
    {
        var invocation = new AgentInvocation(run.RunId, task.Id, task.Title, run.Paths.PromptFile(run.RunId, task.Id), run.WorktreeOf(task), run.BranchOf(task), run.Paths.LogFile(run.RunId, task.Id));
        return $"{run.Plan.AgentOf(task)}: {agents.Create(run.Plan, task).Describe(invocation)}";
    }
}
