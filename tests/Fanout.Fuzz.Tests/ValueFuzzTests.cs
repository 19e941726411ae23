using System.CommandLine;

using CsCheck;

using Fanout.Cli;
using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Fuzz.Tests;

/// <summary>Durations, the number rules and the command line's options, on text made to look almost right.</summary>
[Collection(Fuzzing.Collection)]
public sealed class ValueFuzzTests(ITestOutputHelper output)
{
    private static readonly Gen<string> NumberLike = Gen.Frequency(
        (4, Gen.String[Gen.Char["0123456789hms.-+ e_,:x"], 0, 14]),
        (1, Gen.String[0, 10]),
        (1, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Int[1, 5000].Select(n => new string('9', n))));

    [Fact]
    public void Durations_and_the_number_rules_parse_or_refuse_in_one_short_line()
    {
        var whole = new WholeNumberRule("--max-parallel", 1, InputNumbers.MaxParallel);
        var duration = new DurationRule("timeout of task 'a'", TimeSpan.FromSeconds(1), InputNumbers.MaxTimeout);
        Fuzzing.Run(output, "durations and number rules", 0.06, NumberLike, text =>
        {
            if (Durations.TryParse(text, out var value) && (value < TimeSpan.Zero || value > TimeSpan.FromSeconds(int.MaxValue)))
            {
                throw new FuzzFindingException($"'{text}' parsed as {value}");
            }

            foreach (var problem in new[] { whole.Check(text, out _), duration.Check(text, out _) }.OfType<string>())
            {
                if (problem.Contains('\n', StringComparison.Ordinal) || problem.Length > 300)
                {
                    throw new FuzzFindingException($"a refusal of {problem.Length} characters over more than one line");
                }
            }
        });
    }

    [Fact]
    public void The_commands_numeric_options_parse_or_refuse_without_throwing()
    {
        var host = FanoutHost.For(new FanoutConsole(TextWriter.Null, TextWriter.Null));
        var root = CliApp.Root(host, new Option<bool>("--verbose"));
        string[][] shapes =
        [
            ["run", "x.yaml", "--max-parallel"], ["run", "x.yaml", "--tracker-latency"], ["pool", "warm"], ["pool", "warm", "5", "--max-disk"],
            ["issues", "show"], ["run", "x.yaml", "--strategy"], ["status", "--watch", "--run"],
        ];
        var gen = Gen.Select(Gen.Int[0, shapes.Length - 1], NumberLike.Array[1, 2]);
        Fuzzing.Run(output, "command-line options", 0.08, gen, input =>
        {
            var parse = CliApp.Parse(root, [.. shapes[input.Item1], .. input.Item2]);
            foreach (var line in parse.Errors.Select(e => CliApp.ErrorLine(parse, e.Message)).Where(l => l.Contains('\n', StringComparison.Ordinal)))
            {
                throw new FuzzFindingException($"a parse error over more than one line: {line}");
            }
        }, anyErrorIsAFinding: true, print: i => string.Join(' ', shapes[i.Item1].Concat(i.Item2.Select(Fuzzing.Print))));
    }
}
