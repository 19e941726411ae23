using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Cli.Commands;

/// <summary><c>fanout help [COMMAND...]</c>: the same help as <c>fanout COMMAND --help</c>.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root, FanoutHost host)
    {
        var words = new Argument<string[]>("COMMAND") { Description = "The command to explain, e.g. run, or plan check", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("help", "Show the help of a command: fanout help run, fanout help plan check") { words };
        command.SetAction((parse, cancellationToken) =>
        {
            Command current = root;
            foreach (var word in parse.GetValue(words) ?? [])
            {
                current = current.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word))
                    ?? throw new UserInputException($"'{word}' is not a command of 'fanout{Path(root, current)}'{Suggestions.Hint(word, current.Subcommands.Select(c => c.Name))}; 'fanout --help' lists them");
            }

            return CliApp.Parse(root, [.. Path(root, current).Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]).InvokeAsync(new InvocationConfiguration { Output = host.Console.Out, Error = host.Console.Error }, cancellationToken);
        });
        return command;
    }

    private static string Path(RootCommand root, Command command)
    {
        var names = new List<string>();
        for (var current = command; current != root; current = current.Parents.OfType<Command>().First())
        {
            names.Insert(0, current.Name);
        }

        return names.Count == 0 ? string.Empty : " " + string.Join(' ', names);
    }
}
