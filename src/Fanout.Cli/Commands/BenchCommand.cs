using System.CommandLine;
using System.Globalization;
using System.Reflection;

using Fanout.Bench;
using Fanout.Orchestration;

namespace Fanout.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var repo = new Option<string?>("--repo") { Description = "Measure a copy of this repository's committed HEAD (default: the current directory's repository)", HelpName = "DIR" };
        var generate = new Option<int?>("--generate") { Description = "Measure a generated repository of this many files instead", HelpName = "FILES" };
        var tasks = new Option<string>("--tasks") { Description = "Plan sizes to measure", HelpName = "N,N,...", DefaultValueFactory = _ => "1,5,10,20,50" };
        var strategies = new Option<string>("--strategies") { Description = "Methods to compare: sequential, issue-first, overlap, pool", HelpName = "LIST", DefaultValueFactory = _ => "sequential,issue-first,overlap,pool" };
        var latency = new Option<string?>("--issue-latency") { Description = "Add this delay to every tracker request, as a remote tracker would (e.g. 3s, 300ms)", HelpName = "DURATION" };
        var pacing = new Option<bool>("--github-pacing") { Description = "Track issues with the GitHub tracker and its pacing rules, against a simulated GitHub on 127.0.0.1" };
        var repeat = new Option<int>("--repeat") { Description = "Measure every method this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => BenchSettings.DefaultRepeat };
        var json = CommonOptions.Json("Print one JSON object {\"results\": [...]} instead of Markdown tables");
        var output = new Option<string?>("--out") { Description = "Also write the Markdown tables to this file", HelpName = "FILE.md" };
        var command = new Command("bench", "Measure setup time per strategy on a copy of a repository: sequential, issue-first, overlap and a warm pool, beside raw git worktree add")
        {
            repo, generate, tasks, strategies, latency, pacing, repeat, json, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = await BenchOptions.ReadAsync(
                parse.GetValue(repo), parse.GetValue(generate), parse.GetValue(tasks)!, parse.GetValue(strategies)!, parse.GetValue(latency), parse.GetValue(repeat), cancellationToken) with
            {
                GitHubPacing = parse.GetValue(pacing),
            };
            var outFile = parse.GetValue(output);
            var runner = new BenchRunner(settings, FanoutProgram.Current(Assembly.GetEntryAssembly()!.Location));
            runner.Progress += line => console.Error.WriteLine($"bench: {line}");
            runner.Measured += sample => console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"bench:   {sample.Method,-11} {sample.Tasks,3} tasks: setup {sample.SetupSeconds,8:F3} s, {sample.Failures} failed{(sample.PeakMemoryMB is { } mb ? $", {mb:F0} MB" : string.Empty)}"));
            var report = await runner.RunAsync(cancellationToken);
            var markdown = BenchMarkdown.Write(report);
            if (outFile is not null)
            {
                await File.WriteAllTextAsync(outFile, markdown, CancellationToken.None);
            }

            console.Out.WriteLine(parse.GetValue(json) ? BenchJson.Write(report) : markdown);
            return report.Results.Any(r => r.Method != RawWorktreeTrial.Method && r.Failures > 0) ? ExitCodes.TaskFailed : ExitCodes.Success;
        });
        return command;
    }
}
