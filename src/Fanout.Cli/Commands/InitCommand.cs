using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Cli.Commands;

internal static class InitCommand
{
    public static Command Create(FanoutHost host)
    {
        var repo = CommonOptions.Repo();
        var force = new Option<bool>("--force") { Description = "Overwrite an existing fanout.yaml" };
        var command = new Command("init", "Write a commented starter fanout.yaml for this repository") { repo, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var paths = session.Paths;
            var file = Path.Combine(paths.Root, "fanout.yaml");
            if (File.Exists(file) && !parse.GetValue(force))
            {
                throw new UserInputException($"{file} already exists; edit it, or pass --force to replace it");
            }

            var branch = await session.Git.CurrentBranchAsync(cancellationToken) ?? "main";
            await File.WriteAllTextAsync(file, StarterPlan.Render(Path.GetFileName(paths.Root), branch), cancellationToken);
            await host.Console.Out.WriteLineAsync($"Wrote {file}. Check it with 'fanout plan check fanout.yaml', preview with 'fanout run fanout.yaml --dry-run'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
