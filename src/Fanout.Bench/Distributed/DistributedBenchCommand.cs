using System.CommandLine;

using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Bench.Distributed;

/// <summary>
/// <c>fanout bench distributed --db CONN</c>: one plan run by 1, 2, 3… <c>fanout worker</c> processes
/// on a shared PostgreSQL database; wall time as ratios against one worker, and the engine's own
/// cost per task (enqueued → agent started), medians and spreads of interleaved repeats.
/// </summary>
internal static class DistributedBenchCommand
{
    // Bounds that keep a mistyped figure from running for days; far above what the bench is for.
    private const int MaxTasks = 1000;
    private const int MaxSlots = 64;
    private const double MaxAgentSeconds = 3600;

    public static Command Create(TextWriter output, TextWriter error, IProcessRunner runner, Func<FanoutProgram> fanout)
    {
        var db = new Option<string?>("--db") { Description = "The PostgreSQL database to run on (default: FANOUT_DB); its runs stay in it", HelpName = "CONNSTRING" };
        var workers = new Option<string>("--workers") { Description = "Worker counts to compare", HelpName = "N,N,...", DefaultValueFactory = _ => "1,2,3" };
        var tasks = new Option<string>("--tasks") { Description = "Tasks in the plan", HelpName = "N", DefaultValueFactory = _ => "30" };
        var seconds = new Option<double>("--agent-seconds") { Description = "How long each agent sleeps, standing for an agent waiting on a remote model", HelpName = "S", DefaultValueFactory = _ => 5 };
        var slots = new Option<string>("--slots") { Description = "Slots of each worker", HelpName = "N", DefaultValueFactory = _ => "4" };
        var repeat = new Option<string>("--repeat") { Description = "Measure every worker count this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => "3" };
        var command = new Command("distributed", "A plan run by 1, 2, 3 fanout workers on a shared PostgreSQL database: wall time as ratios, and the engine's cost per task (enqueued to agent started)")
        {
            db, workers, tasks, seconds, slots, repeat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = parse.GetValue(db) ?? Environment.GetEnvironmentVariable("FANOUT_DB")
                ?? throw new UserInputException("fanout bench distributed needs a PostgreSQL database: give --db CONNSTRING or set FANOUT_DB");
            var settings = new DistributedBenchSettings(
                connection,
                BenchOptions.Sizes(parse.GetValue(workers)!),
                BenchOptions.Whole("--tasks", parse.GetValue(tasks)!, 1, MaxTasks),
                parse.GetValue(seconds) is >= 0 and <= MaxAgentSeconds ? parse.GetValue(seconds) : throw new UserInputException($"--agent-seconds must be from 0 to {MaxAgentSeconds}"),
                BenchOptions.Whole("--slots", parse.GetValue(slots)!, 1, MaxSlots),
                BenchOptions.Whole("--repeat", parse.GetValue(repeat)!, 1, BenchOptions.MaxRepeat));
            var samples = await new DistributedBenchmark(settings, fanout(), runner, line => error.WriteLine($"bench: {line}")).RunAsync(cancellationToken);
            await output.WriteLineAsync(DistributedBenchReport.Markdown(settings, samples));
            return samples.Any(s => s.Failed > 0) ? ExitCodes.TaskFailed : ExitCodes.Success;
        });
        return command;
    }
}

public sealed record DistributedBenchSettings(string Database, IReadOnlyList<int> Workers, int Tasks, double AgentSeconds, int Slots, int Repeat);

/// <summary>One measured run: its worker count, wall time, and each task's engine cost (enqueued → agent started).</summary>
public sealed record DistributedSample(int Workers, int Repeat, double WallSeconds, IReadOnlyList<double> EngineSeconds, int Failed);
