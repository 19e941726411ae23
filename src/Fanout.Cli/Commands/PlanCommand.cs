using System.CommandLine;

using Fanout.Agents;
using Fanout.Core;
using Fanout.Orchestration.Session;
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
        return new Command("plan", "Work with plan files") { check };
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
