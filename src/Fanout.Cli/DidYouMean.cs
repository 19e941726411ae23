using System.CommandLine;
using System.CommandLine.Parsing;

using Fanout.Plans;

namespace Fanout.Cli;

/// <summary>Did-you-mean for a misspelt command or flag: the closest name the command where it was typed knows.</summary>
internal static class DidYouMean
{
    /// <summary>"; did you mean 'status'?" for the first token the parser did not match, or empty.</summary>
    public static string Hint(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        // A misspelt flag may have been taken as an argument's value (an optional PLAN), leaving its own value unmatched.
        var flagsTakenAsValues = parse.Tokens.Where(t => t.Type == TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal)).Select(t => t.Value);
        foreach (var token in flagsTakenAsValues.Concat(parse.UnmatchedTokens).Concat(parse.Errors.Select(e => Quoted(e.Message)).OfType<string>()))
        {
            var candidates = token.StartsWith('-')
                ? command.Options.Concat(Recursive(parse.CommandResult)).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
            if (Suggestions.Hint(token, candidates.Distinct(StringComparer.Ordinal)) is { Length: > 0 } hint)
            {
                return hint;
            }
        }

        return string.Empty;
    }

    /// <summary>Options such as --verbose that every command below the one declaring them accepts.</summary>
    private static IEnumerable<Option> Recursive(CommandResult result)
    {
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }

    // "Unrecognized command or argument 'staus'." names the token between quotes.
    private static string? Quoted(string message)
    {
        var first = message.IndexOf('\'', StringComparison.Ordinal);
        var last = message.LastIndexOf('\'');
        return first >= 0 && last > first + 1 ? message[(first + 1)..last] : null;
    }
}
