using System.CommandLine;
using System.Text;

using Fanout.Core;
using Fanout.Orchestration.Session;

namespace Fanout.Cli.Commands;

/// <summary>
/// <c>fanout completion bash|zsh|fish</c>: a completion script for the shell, written from the
/// command tree itself, so it knows every command and flag of this build and needs nothing at run time.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(RootCommand root, FanoutHost host)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a shell completion script: eval \"$(fanout completion bash)\" in ~/.bashrc; zsh and fish likewise") { shell };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var nodes = Walk(root, string.Empty).ToArray();
            var script = parse.GetValue(shell) switch
            {
                "fish" => Fish(nodes),
                "zsh" => "autoload -U +X bashcompinit && bashcompinit\n" + Bash(nodes),
                _ => Bash(nodes),
            };
            await host.Console.Out.WriteAsync(script.AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record Node(string Path, Command Command)
    {
        public IEnumerable<string> Subcommands => Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);

        public IEnumerable<string> Options => Command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-')).Append("--help");
    }

    private static IEnumerable<Node> Walk(Command command, string path)
    {
        yield return new Node(path, command);
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var node in Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return node;
            }
        }
    }

    private static string Bash(IReadOnlyList<Node> nodes)
    {
        var text = new StringBuilder();
        text.Append("# fanout completion for bash (fanout completion bash)\n_fanout_subcommands() {\n  case \"$1\" in\n");
        foreach (var node in nodes.Where(n => n.Subcommands.Any()))
        {
            text.Append("    \"").Append(node.Path).Append("\") echo \"").AppendJoin(' ', node.Subcommands).Append("\";;\n");
        }

        text.Append("  esac\n}\n_fanout_options() {\n  case \"$1\" in\n");
        foreach (var node in nodes)
        {
            text.Append("    \"").Append(node.Path).Append("\") echo \"").AppendJoin(' ', node.Options.Distinct()).Append("\";;\n");
        }

        text.Append("""
              esac
            }
            _fanout() {
              local cur="${COMP_WORDS[COMP_CWORD]}" path="" word i
              for ((i = 1; i < COMP_CWORD; i++)); do
                word="${COMP_WORDS[i]}"
                case " $(_fanout_subcommands "$path") " in
                  *" $word "*) path="${path:+$path }$word";;
                esac
              done
              if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "$(_fanout_options "$path")" -- "$cur"))
              else
                COMPREPLY=($(compgen -W "$(_fanout_subcommands "$path")" -- "$cur"))
                [[ ${#COMPREPLY[@]} -eq 0 && -z "$(_fanout_subcommands "$path")" ]] && COMPREPLY=($(compgen -f -- "$cur"))
              fi
            }
            complete -F _fanout fanout

            """);
        return text.ToString();
    }

    private static string Fish(IReadOnlyList<Node> nodes)
    {
        var text = new StringBuilder("# fanout completion for fish (fanout completion fish | source)\n");
        var top = nodes[0];
        text.Append("complete -c fanout -f -n '__fish_use_subcommand' -a '").AppendJoin(' ', top.Subcommands).Append("'\n");
        foreach (var node in nodes.Skip(1))
        {
            var words = node.Path.Split(' ');
            var condition = string.Join("; and ", words.Select(w => $"__fish_seen_subcommand_from {w}"));
            if (node.Subcommands.Any())
            {
                text.Append("complete -c fanout -f -n '").Append(condition).Append("' -a '").AppendJoin(' ', node.Subcommands).Append("'\n");
            }

            foreach (var option in node.Options.Where(o => o.StartsWith("--", StringComparison.Ordinal)).Distinct())
            {
                text.Append("complete -c fanout -n '").Append(condition).Append("' -l ").Append(option[2..]).Append('\n');
            }
        }

        return text.ToString();
    }
}
