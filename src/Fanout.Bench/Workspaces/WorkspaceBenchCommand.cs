using System.CommandLine;

using Fanout.Core;

namespace Fanout.Bench.Workspaces;

/// <summary><c>fanout bench workspaces</c>: the workspace engine alone, beside raw <c>git worktree add</c> and pool claims, in this process.</summary>
internal static class WorkspaceBenchCommand
{
    public static Command Create(TextWriter output)
    {
        var files = new Option<string>("--files") { Description = "Files in the generated repository", HelpName = "N", DefaultValueFactory = _ => "5000" };
        var tasks = new Option<string>("--tasks") { Description = "Worktrees made at once, per measurement", HelpName = "N,N,...", DefaultValueFactory = _ => "10,20,50" };
        var repeat = new Option<string>("--repeat") { Description = "Measure every method this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => "3" };
        var settle = new Option<string>("--settle") { Description = "Idle seconds before each measurement", HelpName = "SECONDS", DefaultValueFactory = _ => "0" };
        var command = new Command("workspaces", "N worktrees at once: raw git worktree add, Fanout's engine and pool claims, side by side on a generated repository") { files, tasks, repeat, settle };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new WorkspaceBenchOptions(
                BenchOptions.Whole("--files", parse.GetValue(files)!, 1, BenchOptions.MaxFiles),
                BenchOptions.Sizes(parse.GetValue(tasks)!),
                BenchOptions.Whole("--repeat", parse.GetValue(repeat)!, 1, BenchOptions.MaxRepeat))
            {
                Settle = BenchOptions.Whole("--settle", parse.GetValue(settle)!, 0, 3600),
            };
            await new WorkspaceBenchmark(options, output).RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
