using System.Globalization;

using Fanout.Agents;
using Fanout.Orchestration.Cleanup;
using Fanout.Plans;
using Fanout.Reporting.Json;
using Fanout.Trackers;

namespace Fanout.Cli.Commands;

/// <summary>The libraries' results in the shapes of docs/json.md.</summary>
internal static class JsonDocuments
{
    public static IssueJson Issue(TrackerIssue issue) =>
        new(issue.Number, issue.Title, issue.State.ToString().ToLowerInvariant(), issue.CreatedAt, issue.Labels)
        {
            Url = issue.Url,
            RunId = issue.RunId,
            TaskId = issue.TaskId,
            ClosedAt = issue.ClosedAt,
        };

    public static AgentCheckJson Agent(AgentCheck check) =>
        new(check.Agent, check.Kind, check.Program, check.Found) { Path = check.Path, Version = check.Version, InstallHint = check.InstallHint };

    public static PlanCheckJson PlanCheck(Plan plan, IReadOnlyList<AgentCheck> checks)
    {
        var tasks = new List<PlanTaskJson>();
        var levels = PlanGraph.Levels(plan);
        for (var wave = 0; wave < levels.Count; wave++)
        {
            foreach (var id in levels[wave])
            {
                var task = plan.Task(id);
                tasks.Add(new PlanTaskJson(id, task.Title, tasks.Count + 1, wave + 1, plan.AgentOf(task), task.DependsOn));
            }
        }

        var summary = new PlanJson(plan.Name, plan.SourceFile, plan.Format.ToString().ToLower(CultureInfo.InvariantCulture), plan.Agent, plan.Tracker, plan.Tasks.Count)
        {
            Setup = plan.Setup?.ToString(),
            Test = plan.Test?.ToString(),
        };
        return new PlanCheckJson(summary, tasks, plan.DependencyOrder, checks.Select(Agent).ToArray());
    }

    public static CleanedJson Cleaned(TaskCleanReport report)
    {
        var result = report.Result;
        return new CleanedJson(report.TaskId, !report.Refused, result.WorktreeRemoved, result.BranchDeleted, report.Refused ? result.Refused! : RunCleaner.Describe(result))
        {
            Worktree = result.Inspection.Worktree,
            Branch = result.Inspection.Branch,
            Refused = result.Refused,
        };
    }
}
