using System.CommandLine;
using System.CommandLine.Parsing;

using Fanout.Plans;

namespace Fanout.Cli.Commands;

/// <summary>
/// Flags and arguments that take numbers or durations, parsed by the rules plans use too
/// (<see cref="WholeNumberRule"/>, <see cref="DurationRule"/>): a value out of range or not a number is
/// one line naming the flag, what it got and the range, and exit 2, before anything runs.
/// </summary>
internal static class NumberOptions
{
    public static Option<int?> Whole(string name, int min, int max, string description, string helpName)
    {
        var rule = new WholeNumberRule(name, min, max);
        return new Option<int?>(name) { Description = description, HelpName = helpName, CustomParser = r => (int?)Parse(r, rule) };
    }

    public static Option<long?> WholeLong(string name, long min, long max, string description, string helpName)
    {
        var rule = new WholeNumberRule(name, min, max);
        return new Option<long?>(name) { Description = description, HelpName = helpName, CustomParser = r => Parse(r, rule) };
    }

    public static Argument<int> WholeArgument(string name, int min, int max, string description)
    {
        var rule = new WholeNumberRule(name, min, max);
        return new Argument<int>(name) { Description = description, CustomParser = r => (int)(Parse(r, rule) ?? 0) };
    }

    public static Option<TimeSpan?> Duration(string name, TimeSpan min, TimeSpan max, string description)
    {
        var rule = new DurationRule(name, min, max);
        return new Option<TimeSpan?>(name)
        {
            Description = description,
            HelpName = "DURATION",
            CustomParser = r =>
            {
                if (rule.Check(Token(r), out var value) is { } problem)
                {
                    r.AddError(problem);
                    return null;
                }

                return value;
            },
        };
    }

    private static long? Parse(ArgumentResult result, WholeNumberRule rule)
    {
        if (rule.Check(Token(result), out var value) is { } problem)
        {
            result.AddError(problem);
            return null;
        }

        return value;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
}
