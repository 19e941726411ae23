using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Reporting.Report;

namespace Fanout.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(FanoutHost host)
    {
        var run = new Argument<string?>("RUN") { Description = "A run id (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var repo = CommonOptions.Repo();
        var db = CommonOptions.Db();
        var html = new Option<string?>("--html") { Description = "Also write the report with a timeline of every task's phases as one self-contained HTML page", HelpName = "FILE" };
        var json = CommonOptions.Json("Print the report as one JSON object");
        var force = new Option<bool>("--force") { Description = "Replace FILE even if it is not an earlier Fanout report" };
        var command = new Command("report", "Where a run's time went: setup, wall, per-phase median and max, parallel efficiency, errors, tracker use, disk") { run, repo, db, html, json, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(html) is { } path ? Path.GetFullPath(path) : null;
            if (file is not null)
            {
                CheckWritable(file, parse.GetValue(force));
            }

            var (console, time) = (host.Console, host.Time);
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken, db);
            var snapshot = await session.LoadRunAsync(parse.GetValue(run), cancellationToken);
            var now = time.GetUtcNow();
            var report = RunReportBuilder.Build(snapshot, now, DiskUsage.Measure, task => session.Paths.LogFile(snapshot.Id, task));
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(report.ToJson());
            }
            else
            {
                ReportText.Write(console.Out, report);
            }

            if (file is not null)
            {
                await File.WriteAllTextAsync(file, HtmlReport.Render(report, TimelineLayout.Compute(snapshot, now)), cancellationToken);
                await console.Error.WriteLineAsync($"Wrote {file} (open it in a browser; it needs no network)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void CheckWritable(string file, bool force)
    {
        if (Path.GetDirectoryName(file) is { } folder && !Directory.Exists(folder))
        {
            throw new UserInputException($"--html {file}: the folder {folder} does not exist; create it or choose another file");
        }

        if (Directory.Exists(file))
        {
            throw new UserInputException($"--html {file} is a folder; name a file, e.g. {Path.Combine(file, "report.html")}");
        }

        if (File.Exists(file) && !force && !File.ReadLines(file).Take(10).Any(line => line.Contains(HtmlReport.Generator, StringComparison.Ordinal)))
        {
            throw new UserInputException($"--html {file} exists and is not a Fanout report; choose another file or pass --force to replace it");
        }
    }
}
