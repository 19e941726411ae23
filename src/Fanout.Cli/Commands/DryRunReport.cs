using Fanout.Agents;
using Fanout.Core;
using Fanout.Orchestration;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

/// <summary>What a run would create, from a prepared run; nothing is written anywhere.</summary>
internal static class DryRunReport
{
    /// <summary>Titles and commands come from the plan, so what is printed is redacted like everything Fanout writes.</summary>
    public static void Write(TextWriter output, FanoutSession session, PreparedRun run)
    {
        using var text = new StringWriter();
        WriteTo(text, session, run);
        output.Write(Redactor.FromEnvironment(session.Host.Environment).Redact(text.ToString()));
    }

    private static void WriteTo(TextWriter output, FanoutSession session, PreparedRun run)
    {
        var paths = session.Paths;
        output.WriteLine($"Dry run: plan {run.Plan.Name} ({run.Plan.Tasks.Count} tasks) in {paths.Root}");
        output.WriteLine($"  base {run.Run.BaseRef} at {run.Run.BaseCommit[..12]}; strategy {run.Strategy.Name()}; max parallel {run.MaxParallel}; tracker {run.Tracker.Describe()}{(run.PullRequests ? "; delivers pull requests" : string.Empty)}{Latency(run)}");
        output.WriteLine($"  run id would be {run.RunId}; state in {paths.StateDir}; worktrees under {paths.WorktreeRoot}");
        var agents = new AgentFactory(session.Runner);
        var table = new TextTable("TASK", "DEPENDS ON", "ISSUE TITLE", "BRANCH", "WORKTREE", "AGENT");
        foreach (var id in run.Plan.DependencyOrder)
        {
            var task = run.Plan.Task(id);
            table.Add(
                task.Id,
                task.DependsOn.Count == 0 ? "-" : string.Join(",", task.DependsOn),
                task.Title,
                run.BranchOf(task),
                run.WorktreeOf(paths, task),
                AgentLine(agents, session, run, task));
        }

        table.Write(output);
        output.WriteLine("Nothing was created.");
    }

    private static string Latency(PreparedRun run) =>
        run.TrackerLatency > TimeSpan.Zero ? $"; {run.TrackerLatency.TotalMilliseconds:0.###} ms added to every tracker request" : string.Empty;

    private static string AgentLine(AgentFactory agents, FanoutSession session, PreparedRun run, PlanTask task)
    {
        var paths = session.Paths;
        var invocation = new AgentInvocation(run.RunId, task.Id, task.Title, paths.PromptFile(run.RunId, task.Id), run.WorktreeOf(paths, task), run.BranchOf(task), paths.LogFile(run.RunId, task.Id));
        return $"{run.Plan.AgentOf(task)}: {agents.Create(run.Plan.SettingsOf(task)).Describe(invocation)}";
    }
}
