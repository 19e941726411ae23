using System.CommandLine;

using Fanout.Core;
using Fanout.Plans;

namespace Fanout.Bench.Goal;

/// <summary><c>fanout bench goal</c>: from goal to every agent started, predictive spawning against planning first and running after.</summary>
internal static class GoalBenchCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<FanoutProgram> fanout)
    {
        var files = new Option<string>("--files") { Description = "Files in the generated repository", HelpName = "N", DefaultValueFactory = _ => "1000" };
        var tasks = new Option<string>("--tasks") { Description = "Tasks the scripted planner writes, per measurement", HelpName = "N,N,...", DefaultValueFactory = _ => "5,10,20" };
        var every = new Option<string>("--every") { Description = "The scripted planner writes a task this often", HelpName = "DURATION", DefaultValueFactory = _ => "2s" };
        var repeat = new Option<string>("--repeat") { Description = "Measure every method this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => "3" };
        var warm = new Option<string>("--warm") { Description = "Pooled worktrees the warm predictive run warms while the planner writes", HelpName = "N", DefaultValueFactory = _ => "4" };
        var command = new Command("goal", "From goal to every agent started: fanout run --goal (predictive spawning, with and without a warm pool) against fanout plan then fanout run, with a scripted planner")
        {
            files, tasks, every, repeat, warm,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var interval = new DurationRule("--every", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10)).Parse(parse.GetValue(every)!);
            var options = new GoalBenchOptions(
                BenchOptions.Whole("--files", parse.GetValue(files)!, 1, BenchOptions.MaxFiles),
                BenchOptions.Sizes(parse.GetValue(tasks)!),
                interval,
                BenchOptions.Whole("--repeat", parse.GetValue(repeat)!, 1, BenchOptions.MaxRepeat),
                BenchOptions.Whole("--warm", parse.GetValue(warm)!, 0, 1000));
            var report = await new GoalBenchmark(options, fanout(), line => error.WriteLine($"bench: {line}")).RunAsync(cancellationToken);
            await output.WriteLineAsync(GoalBenchTable.Write(report));
            return report.Samples.Any(s => s.Failed) ? ExitCodes.TaskFailed : ExitCodes.Success;
        });
        return command;
    }
}
