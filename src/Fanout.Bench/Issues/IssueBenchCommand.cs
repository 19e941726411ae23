using System.CommandLine;

using Fanout.Core;
using Fanout.Plans;

namespace Fanout.Bench.Issues;

/// <summary><c>fanout bench issues</c>: the time until N issues exist on a simulated GitHub, REST paced against GraphQL batched.</summary>
internal static class IssueBenchCommand
{
    public static Command Create(TextWriter output)
    {
        var tasks = new Option<string>("--tasks") { Description = "Issues created at once, per measurement", HelpName = "N,N,...", DefaultValueFactory = _ => "20,50" };
        var repeat = new Option<string>("--repeat") { Description = "Measure both methods this many times, interleaved", HelpName = "K", DefaultValueFactory = _ => "3" };
        var latency = new Option<string>("--latency") { Description = "The round trip every request pays", HelpName = "DURATION", DefaultValueFactory = _ => "300ms" };
        var create = new Option<string>("--create-latency") { Description = "What GitHub spends on each issue it creates (a batch of ten pays it ten times)", HelpName = "DURATION", DefaultValueFactory = _ => "200ms" };
        var faults = new Option<double>("--fault-rate") { Description = "The share of requests the simulated GitHub answers with a fault (403, 429, 502, slow, or carried out then 502)", HelpName = "RATE", DefaultValueFactory = _ => 0 };
        var command = new Command("issues", "The time until N issues exist, REST one a request (paced) against GraphQL batches, on a simulated GitHub with GitHub's own pacing") { tasks, repeat, latency, create, faults };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rate = parse.GetValue(faults);
            var options = new IssueBenchOptions(
                BenchOptions.Sizes(parse.GetValue(tasks)!),
                BenchOptions.Whole("--repeat", parse.GetValue(repeat)!, 1, BenchOptions.MaxRepeat),
                Duration("--latency", parse.GetValue(latency)!),
                Duration("--create-latency", parse.GetValue(create)!),
                rate is >= 0 and < 1 ? rate : throw new UserInputException($"--fault-rate must be from 0 up to (not including) 1 (got {rate})"));
            await new IssueBenchmark(options, output).RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static TimeSpan Duration(string option, string text) => new DurationRule(option, TimeSpan.Zero, TimeSpan.FromMinutes(1)).Parse(text);
}

/// <summary>What <c>fanout bench issues</c> measures.</summary>
internal sealed record IssueBenchOptions(IReadOnlyList<int> Tasks, int Repeat, TimeSpan Latency, TimeSpan CreateLatency, double FaultRate);
