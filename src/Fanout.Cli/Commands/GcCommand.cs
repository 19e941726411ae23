using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Cleanup;
using Fanout.Orchestration.Session;
using Fanout.Reporting;
using Fanout.Reporting.Json;
using Fanout.Workspaces;

namespace Fanout.Cli.Commands;

internal static class GcCommand
{
    public static Command Create(FanoutHost host)
    {
        var force = new Option<bool>("--force") { Description = "Also remove what holds uncommitted or unmerged work, and old git lock files" };
        var repo = CommonOptions.Repo();
        var json = CommonOptions.Json("Print what was removed and kept as one JSON object (docs/json.md)");
        var command = new Command("gc", "Find what crashed runs left (worktrees, branches, folders, locks, pool leftovers) and finished runs' integration worktrees, remove what is safe, list the rest with its size") { force, repo, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var console = host.Console;
            var journal = await session.JournalAsync(cancellationToken);
            var report = await new GarbageCollector(session, journal).CollectAsync(parse.GetValue(force), cancellationToken);
            var kept = report.Items.Count(i => i.Action == GcAction.Kept);
            if (parse.GetValue(json))
            {
                var items = report.Items.Select(i => new GcItemJson(i.Action == GcAction.Removed ? "removed" : "kept", i.Kind, i.Path, i.Bytes, i.Why)).ToArray();
                await console.Out.WriteLineAsync(CommandJson.Serialize(new GcJson(items, report.Items.Count - kept, kept, report.WorktreeRootBytes, report.PoolBytes, report.CacheBytes)));
                return report.KeptAnything ? ExitCodes.TaskFailed : ExitCodes.Success;
            }

            var table = new TextTable("ACTION", "KIND", "SIZE", "WHAT", "WHY");
            foreach (var item in report.Items)
            {
                table.Add(item.Action == GcAction.Removed ? "removed" : "kept", item.Kind, DiskUsage.Format(item.Bytes), item.Path, item.Why);
            }

            if (report.Items.Count > 0)
            {
                table.Write(console.Out, string.Empty);
            }

            console.Out.WriteLine($"gc: removed {report.Items.Count - kept}, kept {kept}; disk: worktrees {DiskUsage.Format(report.WorktreeRootBytes)} (pool {DiskUsage.Format(report.PoolBytes)}), dependency cache {DiskUsage.Format(report.CacheBytes)}");
            return report.KeptAnything ? ExitCodes.TaskFailed : ExitCodes.Success;
        });
        return command;
    }
}
