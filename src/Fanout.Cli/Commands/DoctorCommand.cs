using System.CommandLine;

using Fanout.Agents;
using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Reporting.Json;

namespace Fanout.Cli.Commands;

/// <summary>
/// <c>fanout doctor [PLAN]</c>: for each agent the plan uses (every preset without a plan), whether its program is
/// on PATH and its version, with an install hint when it is missing. Exit 0 when everything is found, 1 when
/// something is missing, 2 when the plan itself is bad.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(FanoutHost host)
    {
        var plan = new Argument<string?>("PLAN") { Description = "fanout.yaml, a Contextune plan.yaml, a ccpm epic, or a folder holding one (default: the plan found here, else every preset)", Arity = ArgumentArity.ZeroOrOne };
        var agent = new Option<string?>("--agent") { Description = "Check as if every task used this agent", HelpName = "NAME" };
        var json = CommonOptions.Json("Print the checks as one JSON object (docs/json.md)");
        var command = new Command("doctor", "Check that the agents a plan uses are installed: program found on PATH, its version, how to install it") { plan, agent, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var planPath = parse.GetValue(plan) ?? PlanDiscovery.Find(string.Empty, out _);
            var loaded = planPath is null ? null : PlanLoader.Load(planPath, new PlanLoadOptions { AgentOverride = parse.GetValue(agent) });
            var console = host.Console;
            var checks = await new AgentDoctor(host.Runner).CheckAsync(loaded, cancellationToken);
            var git = ProgramLocator.Find("git");
            var missing = checks.Count(c => !c.Found) + (git is null ? 1 : 0);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(CommandJson.Serialize(new DoctorJson(checks.Select(JsonDocuments.Agent).ToArray(), git, missing)
                {
                    Plan = loaded is null ? null : new DoctorPlanJson(loaded.Name, loaded.SourceFile),
                }));
                return missing == 0 ? ExitCodes.Success : ExitCodes.TaskFailed;
            }

            await console.Out.WriteLineAsync(loaded is null ? "Agent presets:" : $"Agents of plan {loaded.Name} ({loaded.SourceFile}):");
            AgentChecks.Write(console.Out, checks);
            await console.Out.WriteLineAsync(git is null ? "git: missing; install git" : $"git: {git}");
            await console.Out.WriteLineAsync(missing == 0 ? "Everything found." : $"{missing} missing.");
            return missing == 0 ? ExitCodes.Success : ExitCodes.TaskFailed;
        });
        return command;
    }
}
