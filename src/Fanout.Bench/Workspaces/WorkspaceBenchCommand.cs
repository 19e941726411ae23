using System.CommandLine;

using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Bench.Workspaces;

/// <summary><c>fanout bench workspaces</c>: the workspace engine alone, beside raw <c>git worktree add</c> and pool claims, in this process.</summary>
internal static class WorkspaceBenchCommand
{
    public static Command Create(TextWriter output, IProcessRunner runner)
    {
        var files = new Option<string>("--files") { Description = "Files in the generated repository", HelpName = "N", DefaultValueFactory = _ => "5000" };
        var repo = new Option<string?>("--repo") { Description = "Measure a copy of this repository's committed HEAD instead of a generated one", HelpName = "DIR" };
        var tasks = new Option<string>("--tasks") { Description = "Worktrees made at once, per measurement", HelpName = "N,N,...", DefaultValueFactory = _ => "10,20,50" };
        var repeat = new Option<string>("--repeat") { Description = "Measure every method this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => "3" };
        var settle = new Option<string>("--settle") { Description = "Idle seconds before each measurement", HelpName = "SECONDS", DefaultValueFactory = _ => "0" };
        var trace = new Option<string?>("--trace") { Description = "Then trace one more run of every method per N, step by step, into this Markdown file", HelpName = "FILE.md" };
        var command = new Command("workspaces", "N worktrees at once: raw git worktree add, Fanout's engine and pool claims, side by side on a generated repository or a copy of one")
        {
            files, repo, tasks, repeat, settle, trace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new WorkspaceBenchOptions(
                BenchOptions.Whole("--files", parse.GetValue(files)!, 1, BenchOptions.MaxFiles),
                BenchOptions.Sizes(parse.GetValue(tasks)!),
                BenchOptions.Whole("--repeat", parse.GetValue(repeat)!, 1, BenchOptions.MaxRepeat))
            {
                Settle = BenchOptions.Whole("--settle", parse.GetValue(settle)!, 0, 3600),
                Repository = parse.GetValue(repo) is { } source ? await BenchOptions.RepositoryAsync(runner, source, cancellationToken) : null,
                TraceFile = parse.GetValue(trace) is { } file ? Path.GetFullPath(file) : null,
            };
            await new WorkspaceBenchmark(options, output, runner).RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
