using System.CommandLine;
using System.Globalization;

using Fanout.Bench.Goal;
using Fanout.Bench.Workspaces;
using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>
/// <c>fanout bench</c>: every strategy side by side on a copy of a repository, beside raw
/// <c>git worktree add</c>, measured by running the Fanout CLI as a child process.
/// </summary>
internal static class BenchCommand
{
    public static RootCommand Create(TextWriter output, TextWriter error, IProcessRunner runner, Func<FanoutProgram> fanout)
    {
        var repo = new Option<string?>("--repo") { Description = "Measure a copy of this repository's committed HEAD (default: the current directory's repository)", HelpName = "DIR" };
        var generate = new Option<string?>("--generate") { Description = "Measure a generated repository of this many files instead", HelpName = "FILES" };
        var tasks = new Option<string>("--tasks") { Description = "Plan sizes to measure", HelpName = "N,N,...", DefaultValueFactory = _ => "1,5,10,20,50" };
        var strategies = new Option<string>("--strategies") { Description = "Methods to compare: sequential, issue-first, overlap, pool, and script (the pattern as a shell script: every task in a background subshell, its issue's delay, then git worktree add)", HelpName = "LIST", DefaultValueFactory = _ => "sequential,issue-first,overlap,pool" };
        var latency = new Option<string?>("--issue-latency") { Description = "Add this delay to every tracker request, as a remote tracker would (e.g. 3s, 300ms)", HelpName = "DURATION" };
        var pacing = new Option<bool>("--github-pacing") { Description = "Track issues with the GitHub tracker and its pacing rules, against a simulated GitHub on 127.0.0.1" };
        var repeat = new Option<string>("--repeat") { Description = "Measure every method this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => BenchSettings.DefaultRepeat.ToString(CultureInfo.InvariantCulture) };
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"results\": [...]} instead of Markdown tables" };
        var outFile = new Option<string?>("--out") { Description = "Also write the Markdown tables to this file", HelpName = "FILE.md" };
        var command = new RootCommand("Measure setup time per strategy on a copy of a repository: sequential, issue-first, overlap and a warm pool, beside raw git worktree add")
        {
            repo, generate, tasks, strategies, latency, pacing, repeat, json, outFile, WorkspaceBenchCommand.Create(output, runner), GoalBenchCommand.Create(output, error, runner, fanout), Issues.IssueBenchCommand.Create(output), Distributed.DistributedBenchCommand.Create(output, error, runner, fanout),
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = await BenchOptions.ReadAsync(
                runner,
                parse.GetValue(repo), parse.GetValue(generate), parse.GetValue(tasks)!, parse.GetValue(strategies)!, parse.GetValue(latency), parse.GetValue(repeat)!, cancellationToken) with
            {
                GitHubPacing = parse.GetValue(pacing),
            };
            var bench = new BenchRunner(settings, fanout(), runner);
            bench.Progress += line => error.WriteLine($"bench: {line}");
            bench.Measured += sample => error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"bench:   {sample.Method,-11} {sample.Tasks,3} tasks: setup {sample.SetupSeconds,8:F3} s, {sample.Failures} failed{(sample.FirstAgentSeconds is { } first && sample.LastAgentSeconds is { } last ? $", agents {first:F2}–{last:F2} s" : string.Empty)}{(sample.PeakMemoryMB is { } mb ? $", {mb:F0} MB" : string.Empty)}"));
            var report = await bench.RunAsync(cancellationToken);
            var markdown = BenchMarkdown.Write(report);
            if (parse.GetValue(outFile) is { } file)
            {
                await File.WriteAllTextAsync(file, markdown, CancellationToken.None);
            }

            await output.WriteLineAsync(parse.GetValue(json) ? BenchJson.Write(report) : markdown);
            return report.Results.Any(r => r.Method is not (RawWorktreeTrial.Method or ScriptTrial.Method) && r.Failures > 0) ? ExitCodes.TaskFailed : ExitCodes.Success;
        });
        return command;
    }
}
