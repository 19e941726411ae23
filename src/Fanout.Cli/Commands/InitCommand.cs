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
        var agent = new Option<string>("--agent") { Description = "The agent preset every task uses: claude (default), codex, gemini or aider", DefaultValueFactory = _ => "claude", HelpName = "PRESET" };
        agent.AcceptOnlyFromAmong([.. BuiltInAgents.Names]);
        var command = new Command("init", "Write a commented fanout.yaml for this repository: its setup and test commands, its local files, an agent preset") { repo, force, agent };
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
            var project = ProjectProfile.Detect(paths.Root);
            await File.WriteAllTextAsync(file, StarterPlan.Render(Path.GetFileName(paths.Root), branch, project, parse.GetValue(agent)!), cancellationToken);
            var found = project.Kind == "unknown"
                ? "no build system recognised: fill in setup and test"
                : $"{project.Kind} project: setup {project.Setup ?? "-"}, test {project.Test ?? "-"}";
            await host.Console.Out.WriteLineAsync($"Wrote {file} ({found}; agent {parse.GetValue(agent)}).");
            await host.Console.Out.WriteLineAsync("Next: 'fanout doctor' (is the agent installed?), 'fanout plan check' (validate), 'fanout run --dry-run' (preview), 'fanout run'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
