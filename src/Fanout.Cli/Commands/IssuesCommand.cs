using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Reporting;
using Fanout.Reporting.Json;
using Fanout.Trackers;

namespace Fanout.Cli.Commands;

internal static class IssuesCommand
{
    public static Command Create(FanoutHost host)
    {
        var console = host.Console;
        var listTracker = new IssueTrackerOpener(host);
        var run = CommonOptions.Run();
        run.Description = "Only the issues of this run";
        var listJson = CommonOptions.Json("Print the issues as one JSON object (docs/json.md)");
        var list = new Command("list", "List the tracker's Fanout issues, newest first") { run, listJson };
        listTracker.AddTo(list);
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var tracker = await listTracker.OpenAsync(parse, cancellationToken);
            var issues = await tracker.ListAsync(parse.GetValue(run), cancellationToken);
            if (parse.GetValue(listJson))
            {
                await console.Out.WriteLineAsync(CommandJson.Serialize(new IssuesListJson(tracker.Name, issues.Select(JsonDocuments.Issue).ToArray())));
                return ExitCodes.Success;
            }

            var table = new TextTable("#", "STATE", "RUN", "TASK", "TITLE");
            foreach (var issue in issues)
            {
                table.Add($"#{issue.Number}", issue.State.ToString().ToLowerInvariant(), issue.RunId ?? "-", issue.TaskId ?? "-", issue.Title);
            }

            table.Write(console.Out, string.Empty);
            return ExitCodes.Success;
        });

        var number = NumberOptions.WholeArgument("N", 1, int.MaxValue, "The issue number");
        var showTracker = new IssueTrackerOpener(host);
        var show = new Command("show", "Show one issue with its comments") { number };
        showTracker.AddTo(show);
        show.SetAction(async (parse, cancellationToken) =>
        {
            await using var tracker = await showTracker.OpenAsync(parse, cancellationToken);
            var n = parse.GetValue(number);
            var issue = await tracker.GetAsync(n, cancellationToken) ?? throw new UserInputException($"issue #{n} not found in the {tracker.Name} tracker");
            console.Out.WriteLine($"#{issue.Number} {issue.Title} [{issue.State.ToString().ToLowerInvariant()}]");
            console.Out.WriteLine($"labels: {string.Join(", ", issue.Labels)}; run {issue.RunId ?? "-"}, task {issue.TaskId ?? "-"}; opened {issue.CreatedAt:u}" + (issue.ClosedAt is { } closed ? $", closed {closed:u}" : string.Empty));
            if (issue.Url is { } url)
            {
                console.Out.WriteLine(url);
            }

            console.Out.WriteLine();
            console.Out.WriteLine(IssueMarker.Strip(issue.Body).TrimEnd());
            foreach (var comment in await tracker.CommentsAsync(n, cancellationToken))
            {
                console.Out.WriteLine();
                console.Out.WriteLine($"--- comment {comment.CreatedAt:u}");
                console.Out.WriteLine(comment.Body.TrimEnd());
            }

            return ExitCodes.Success;
        });
        return new Command("issues", "Read the tracker's issues (local, or GitHub with --tracker github)") { list, show };
    }
}
