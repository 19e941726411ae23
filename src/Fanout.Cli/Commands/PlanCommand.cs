using System.CommandLine;

using Fanout.Agents;
using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Planning;
using Fanout.Plans;
using Fanout.Reporting;
using Fanout.Reporting.Json;

namespace Fanout.Cli.Commands;

internal static class PlanCommand
{
    public static Command Create(FanoutHost host)
    {
        var plan = CommonOptions.PlanArgument();
        var agent = new Option<string?>("--agent") { Description = "Check as if every task used this agent", HelpName = "NAME" };
        var json = CommonOptions.Json("Print the plan, its tasks and agents as one JSON object (docs/json.md)");
        var check = new Command("check", "Validate a plan and print its tasks in dependency order") { plan, agent, json };
        check.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = PlanLoader.Load(CommonOptions.PlanPath(parse, plan), new PlanLoadOptions { AgentOverride = parse.GetValue(agent) });
            var console = host.Console;
            var checks = await new AgentDoctor(host.Runner).CheckAsync(loaded, cancellationToken);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(CommandJson.Serialize(JsonDocuments.PlanCheck(loaded, checks)));
                return ExitCodes.Success;
            }

            Write(console.Out, loaded);

            // The plan is valid whatever is installed; a missing agent is reported here and fails 'fanout doctor'.
            await console.Out.WriteLineAsync("Agents:");
            AgentChecks.Write(console.Out, checks);
            return ExitCodes.Success;
        });
        var goal = new Argument<string?>("GOAL") { Description = "What the tasks should achieve; a planning agent reads the repository and writes the plan", Arity = ArgumentArity.ZeroOrOne };
        var planner = new Option<string?>("--agent") { Description = "The planning agent: claude (default; read-only, structured output) or an agent with a command under 'agents:'", HelpName = "NAME" };
        var output = new Option<string?>("--out") { Description = "Where to write the plan (default: fanout.yaml in the repository)", HelpName = "FILE" };
        var context = new Option<string[]>("--context") { Description = "Files the planner should read first (notes, a spec, an issue)", HelpName = "FILE", AllowMultipleArgumentsPerToken = true };
        var attempts = new Option<int>("--attempts") { Description = "How many times an invalid plan goes back to the planner with its errors", DefaultValueFactory = _ => 3, HelpName = "N" };
        var force = new Option<bool>("--force") { Description = "Overwrite the file --out names" };
        var repo = CommonOptions.Repo();
        var command = new Command("plan", "Write a plan from a goal with a planning agent (fanout plan GOAL), or check one (fanout plan check PLAN)")
        {
            check, goal, planner, output, context, attempts, force, repo,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(goal) ?? throw new UserInputException("fanout plan needs a goal, e.g. fanout plan \"Add a login page\"; 'fanout plan check PLAN' checks a plan");

            // A one-word goal that is a typo of a subcommand ('fanout plan chek') is the typo, not a goal to plan.
            if (!text.Contains(' ', StringComparison.Ordinal) && Suggestions.Closest(text, command.Subcommands.Select(c => c.Name)) is { } meant)
            {
                throw new UserInputException($"'{text}' is not a command of fanout plan; did you mean '{meant}'? (a goal of one word: quote it with a space, e.g. \"{text} \")");
            }

            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var file = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(session.Paths.Root, "fanout.yaml"));
            if (File.Exists(file) && !parse.GetValue(force))
            {
                throw new UserInputException($"{file} already exists; pass --out FILE to write elsewhere, or --force to replace it (its run defaults are kept)");
            }

            var contextFiles = parse.GetValue(context) ?? [];
            if (contextFiles.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                throw new UserInputException($"--context '{missing}' not found; give a file whose text the planner should read");
            }

            if (parse.GetValue(attempts) < 1)
            {
                throw new UserInputException($"--attempts must be at least 1 (got {parse.GetValue(attempts)})");
            }

            var branch = await session.Git.CurrentBranchAsync(cancellationToken) ?? "HEAD";
            var defaults = PlanningDefaults.Read(session.Paths.Root, branch);
            var agent = PlannerAgent.Resolve(parse.GetValue(planner) ?? "claude", defaults.Plan);
            var folder = Path.Combine(session.Paths.StateDir, "plans", host.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            var request = new PlanningRequest(text, session.Paths.Root) { Context = [.. contextFiles.Select(Path.GetFullPath)], Attempts = parse.GetValue(attempts) };
            await host.Console.Error.WriteLineAsync($"fanout: planning with {agent.Name} (log: {Path.Combine(folder, "planner.log")}) ...");
            var written = await new PlanWriter(host.Runner, host.Time).WriteAsync(request, agent, defaults, file, folder, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, written.Text, cancellationToken);
            Write(host.Console.Out, written.Plan);
            await host.Console.Out.WriteLineAsync($"Wrote {file} ({written.Attempts} attempt(s)). Check it with 'fanout plan check {file}', run it with 'fanout run {file}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(TextWriter output, Plan plan)
    {
        output.WriteLine($"Plan {plan.Name}: {plan.Tasks.Count} tasks, {plan.Format.ToString().ToLowerInvariant()} format, valid ({plan.SourceFile})");
        output.WriteLine($"  default agent {plan.Agent}; tracker {plan.Tracker}; setup {plan.Setup?.ToString() ?? "-"}; test {plan.Test?.ToString() ?? "-"}");
        var levels = PlanGraph.Levels(plan);
        var table = new TextTable("ORDER", "WAVE", "TASK", "AGENT", "DEPENDS ON", "TITLE");
        var order = 1;
        for (var wave = 0; wave < levels.Count; wave++)
        {
            foreach (var id in levels[wave])
            {
                var task = plan.Task(id);
                table.Add((order++).ToString(System.Globalization.CultureInfo.InvariantCulture), (wave + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), id, plan.AgentOf(task), task.DependsOn.Count == 0 ? "-" : string.Join(", ", task.DependsOn), task.Title);
            }
        }

        table.Write(output);
        output.WriteLine($"Dependency order: {string.Join(" -> ", plan.DependencyOrder)}");
    }
}
