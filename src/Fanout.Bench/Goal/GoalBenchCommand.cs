using System.CommandLine;

using Fanout.Core;
using Fanout.Plans;

namespace Fanout.Bench.Goal;

/// <summary><c>fanout bench goal</c>: from goal to every agent started, predictive spawning against planning first and running after.</summary>
internal static class GoalBenchCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<FanoutProgram> fanout)
    {
        var files = new Option<int>("--files") { Description = "Files in the generated repository", HelpName = "N", DefaultValueFactory = _ => 1000 };
        var tasks = new Option<string>("--tasks") { Description = "Tasks the scripted planner writes, per measurement", HelpName = "N,N,...", DefaultValueFactory = _ => "5,10,20" };
        var every = new Option<string>("--every") { Description = "The scripted planner writes a task this often", HelpName = "DURATION", DefaultValueFactory = _ => "2s" };
        var repeat = new Option<int>("--repeat") { Description = "Measure every method this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => 3 };
        var warm = new Option<int>("--warm") { Description = "Pooled worktrees the warm predictive run warms while the planner writes", HelpName = "N", DefaultValueFactory = _ => 4 };
        var command = new Command("goal", "From goal to every agent started: fanout run --goal (predictive spawning, with and without a warm pool) against fanout plan then fanout run, with a scripted planner")
        {
            files, tasks, every, repeat, warm,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var interval = parse.GetValue(every) is { } text && Durations.TryParse(text, out var d) && d > TimeSpan.Zero
                ? d
                : throw new UserInputException($"--every '{parse.GetValue(every)}' is not a duration above 0; write e.g. 2s or 500ms");
            var options = new GoalBenchOptions(
                BenchOptions.Positive("--files", parse.GetValue(files)),
                BenchOptions.Sizes(parse.GetValue(tasks)!),
                interval,
                BenchOptions.Positive("--repeat", parse.GetValue(repeat)),
                parse.GetValue(warm) >= 0 ? parse.GetValue(warm) : throw new UserInputException($"--warm must be 0 or more (got {parse.GetValue(warm)})"));
            var report = await new GoalBenchmark(options, fanout(), line => error.WriteLine($"bench: {line}")).RunAsync(cancellationToken);
            await output.WriteLineAsync(GoalBenchTable.Write(report));
            return report.Samples.Any(s => s.Failed) ? ExitCodes.TaskFailed : ExitCodes.Success;
        });
        return command;
    }
}
