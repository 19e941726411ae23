using System.CommandLine;

using Fanout.Agents;
using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

internal static class PlanCommand
{
    public static Command Create(FanoutHost host)
    {
        var plan = new Argument<string>("PLAN") { Description = "fanout.yaml, a Contextune plan.yaml, or a folder holding one" };
        var agent = new Option<string?>("--agent") { Description = "Check as if every task used this agent", HelpName = "NAME" };
        var check = new Command("check", "Validate a plan and print its tasks in dependency order") { plan, agent };
        check.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = PlanLoader.Load(parse.GetValue(plan)!, new PlanLoadOptions { AgentOverride = parse.GetValue(agent) });
            var console = host.Console;
            Write(console.Out, loaded);

            // The plan is valid whatever is installed; a missing agent is reported here and fails 'fanout doctor'.
            await console.Out.WriteLineAsync("Agents:");
            AgentChecks.Write(console.Out, await new AgentDoctor(host.Runner).CheckAsync(loaded, cancellationToken));
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
