using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Reporting;
using Fanout.Reporting.Json;
using Fanout.Workspaces;

namespace Fanout.Cli.Commands;

internal static class PoolCommand
{
    /// <summary>10 TB: a bound no pool reaches, so a typo is refused rather than taken.</summary>
    private const long MaxDiskMB = 10L * 1024 * 1024;

    public static Command Create(FanoutHost host) =>
        new("pool", "Keep ready-made worktrees that runs claim instead of adding new ones") { Warm(host), Status(host), Drain(host) };

    private static Command Warm(FanoutHost host)
    {
        var count = NumberOptions.WholeArgument("N", 0, PoolSettings.MaxCount, $"How many ready worktrees to keep (0 to {PoolSettings.MaxCount}); runs refill to this");
        var baseRef = new Option<string?>("--base") { Description = "The branch or commit the worktrees start at (default: the current branch)", HelpName = "REF" };
        var maxDisk = NumberOptions.WholeLong("--max-disk", 1, MaxDiskMB, $"Stop warming before the pool uses more than this many MB (default {PoolSettings.DefaultMaxDiskMB})", "MB");
        var repo = CommonOptions.Repo();
        var command = new Command("warm", "Add worktrees to the pool until N are ready, at the base") { count, baseRef, maxDisk, repo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = host.Console;
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var (paths, pool, git) = (session.Paths, session.Pool, session.Git);
            var name = parse.GetValue(baseRef) ?? await git.CurrentBranchAsync(cancellationToken) ?? "HEAD";
            var commit = await git.TryResolveCommitAsync(name, cancellationToken)
                ?? throw new UserInputException($"--base '{name}' does not name a commit in {paths.Root}; pass an existing branch or commit");
            var settings = new PoolSettings(parse.GetValue(count), name, parse.GetValue(maxDisk) ?? pool.Settings.MaxDiskMB);
            var result = await pool.WarmAsync(settings, commit, cancellationToken);
            console.Out.WriteLine($"pool: {result.Ready} ready at {name} ({commit[..12]}); added {result.Added}, brought {result.Updated} up to date; {DiskUsage.Format(DiskUsage.Of(pool.Root))} of {settings.MaxDiskMB} MB");
            if (result.Limit is { } limit)
            {
                console.Out.WriteLine($"pool: stopped at {limit}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(FanoutHost host)
    {
        var repo = CommonOptions.Repo();
        var json = CommonOptions.Json("Print the pool as one JSON object (docs/json.md)");
        var command = new Command("status", "List the pooled worktrees, their base and the disk they use") { repo, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = host.Console;
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var pool = session.Pool;
            var settings = pool.Settings;
            var table = new TextTable("STATE", "HEAD", "SIZE", "PATH");
            var entries = await pool.PooledAsync(cancellationToken);
            string StateOf(string path) => WorkspaceNames.IsConfined(pool.WarmingRoot, path) ? "warming" : WorkspaceNames.IsConfined(pool.DirtyRoot, path) ? "changed" : "ready";
            if (parse.GetValue(json))
            {
                var pooled = entries.Select(e => new PooledJson(StateOf(e.Path), e.Path, DiskUsage.Of(e.Path)) { Head = e.Head }).ToArray();
                await console.Out.WriteLineAsync(CommandJson.Serialize(new PoolStatusJson(pooled, settings.Target, DiskUsage.Of(pool.Root), settings.MaxDiskMB) { Base = settings.Base }));
                return ExitCodes.Success;
            }

            foreach (var entry in entries)
            {
                var state = StateOf(entry.Path);
                table.Add(state, entry.Head?[..Math.Min(12, entry.Head.Length)] ?? "-", DiskUsage.Format(DiskUsage.Of(entry.Path)), entry.Path);
            }

            table.Write(console.Out, string.Empty);
            console.Out.WriteLine($"pool: {entries.Count} worktree(s), target {settings.Target} at {settings.Base ?? "-"}; disk {DiskUsage.Format(DiskUsage.Of(pool.Root))} of {settings.MaxDiskMB} MB");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Drain(FanoutHost host)
    {
        var force = new Option<bool>("--force") { Description = "Remove pooled worktrees someone changed, too" };
        var repo = CommonOptions.Repo();
        var command = new Command("drain", "Remove every pooled worktree and stop runs refilling the pool") { force, repo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = host.Console;
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var pool = session.Pool;
            var before = (await pool.PooledAsync(cancellationToken)).Count;
            var kept = await pool.DrainAsync(parse.GetValue(force), cancellationToken);
            foreach (var path in kept)
            {
                console.Out.WriteLine($"kept {path}: it has changes; look at it, then 'fanout pool drain --force'");
            }

            console.Out.WriteLine($"pool: removed {before - kept.Count}, kept {kept.Count}");
            return kept.Count == 0 ? ExitCodes.Success : ExitCodes.TaskFailed;
        });
        return command;
    }
}
