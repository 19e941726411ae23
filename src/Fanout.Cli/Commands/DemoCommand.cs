using System.CommandLine;

using Fanout.Cli.Demo;
using Fanout.Orchestration;
using Fanout.Orchestration.Session;

namespace Fanout.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create(FanoutHost host)
    {
        var dir = new Option<string>("--dir") { Description = "A new or empty folder for the sample repository", Required = true, HelpName = "DIR" };
        var json = CommonOptions.Json("Print one JSON object per event instead of lines");
        var strategy = new Option<string>("--strategy") { Description = "overlap (default), issue-first or sequential", DefaultValueFactory = _ => "overlap" };
        strategy.AcceptOnlyFromAmong("overlap", "issue-first", "sequential");
        var plain = Renderers.PlainOption();
        var command = new Command("demo", "Create a sample repository with a 5-task plan and a scripted agent, and run it (offline, no credentials)") { dir, json, strategy, plain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(dir)!);
            var console = host.Console;
            await SampleRepository.CreateAsync(folder, host.Runner, cancellationToken);
            var chosen = SetupStrategies.Parse(parse.GetValue(strategy)!);
            if (!parse.GetValue(json))
            {
                await console.Out.WriteLineAsync($"Created a sample repository (textkit, a small shell project with tests) at {folder}; running its plan:");
            }

            var options = new RunOptions(Path.Combine(folder, "fanout.yaml")) { RepositoryDirectory = folder, Strategy = chosen };
            await using var session = await FanoutSession.OpenAsync(host, folder, cancellationToken);
            var prepared = await RunPreparation.PrepareAsync(session, options, cancellationToken);
            var exitCode = await RunCommand.ExecuteAsync(session, prepared, parse.GetValue(json), cancellationToken, parse.GetValue(plain));
            if (!parse.GetValue(json))
            {
                await console.Out.WriteLineAsync();
                var fanout = Launcher.Command(host);
                await console.Out.WriteLineAsync($"Look around: cd {folder} && {fanout} status && {fanout} issues list && git branch --list 'fanout/*' && {fanout} logs slugify");
                if (fanout != "fanout" && !fanout.StartsWith("dotnet ", StringComparison.Ordinal))
                {
                    await console.Out.WriteLineAsync($"(To type just 'fanout': export PATH=\"{Path.GetDirectoryName(fanout.Trim('\''))}:$PATH\", or see the README's Install.)");
                }
            }

            return exitCode;
        });
        return command;
    }
}
