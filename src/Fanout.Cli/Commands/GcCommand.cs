using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Cleanup;
using Fanout.Orchestration.Session;
using Fanout.Reporting;
using Fanout.Workspaces;

namespace Fanout.Cli.Commands;

internal static class GcCommand
{
    public static Command Create(FanoutHost host)
    {
        var force = new Option<bool>("--force") { Description = "Also remove what holds uncommitted or unmerged work, and old git lock files" };
        var repo = CommonOptions.Repo();
        var command = new Command("gc", "Find what crashed runs left (worktrees, branches, folders, locks, pool leftovers), remove what is safe, list the rest with its size") { force, repo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var console = host.Console;
            var journal = await session.JournalAsync(cancellationToken);
            var report = await new GarbageCollector(session, journal).CollectAsync(parse.GetValue(force), cancellationToken);
            var table = new TextTable("ACTION", "KIND", "SIZE", "WHAT", "WHY");
            foreach (var item in report.Items)
            {
                table.Add(item.Action == GcAction.Removed ? "removed" : "kept", item.Kind, DiskUsage.Format(item.Bytes), item.Path, item.Why);
            }

            if (report.Items.Count > 0)
            {
                table.Write(console.Out, string.Empty);
            }

            var kept = report.Items.Count(i => i.Action == GcAction.Kept);
            console.Out.WriteLine($"gc: removed {report.Items.Count - kept}, kept {kept}; disk: worktrees {DiskUsage.Format(report.WorktreeRootBytes)} (pool {DiskUsage.Format(report.PoolBytes)}), dependency cache {DiskUsage.Format(report.CacheBytes)}");
            return report.KeptAnything ? ExitCodes.TaskFailed : ExitCodes.Success;
        });
        return command;
    }
}
