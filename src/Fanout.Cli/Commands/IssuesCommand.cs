using System.CommandLine;

using Fanout.Orchestration;
using Fanout.Reporting;
using Fanout.Trackers;

namespace Fanout.Cli.Commands;

internal static class IssuesCommand
{
    public static Command Create(CliConsole console)
    {
        var repo = CommonOptions.Repo();
        var run = CommonOptions.Run();
        run.Description = "Only the issues of this run";
        var list = new Command("list", "List the local tracker's issues, newest first") { run, repo };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var tracker = await OpenAsync(parse.GetValue(repo), cancellationToken);
            var table = new TextTable("#", "STATE", "RUN", "TASK", "TITLE");
            foreach (var issue in await tracker.ListAsync(parse.GetValue(run), cancellationToken))
            {
                table.Add($"#{issue.Number}", issue.State.ToString().ToLowerInvariant(), issue.RunId ?? "-", issue.TaskId ?? "-", issue.Title);
            }

            table.Write(console.Out, string.Empty);
            return ExitCodes.Success;
        });

        var number = new Argument<int>("N") { Description = "The issue number" };
        var showRepo = CommonOptions.Repo();
        var show = new Command("show", "Show one issue with its comments") { number, showRepo };
        show.SetAction(async (parse, cancellationToken) =>
        {
            await using var tracker = await OpenAsync(parse.GetValue(showRepo), cancellationToken);
            var n = parse.GetValue(number);
            var issue = await tracker.GetAsync(n, cancellationToken) ?? throw new CliInputException($"issue #{n} not found in the local tracker");
            console.Out.WriteLine($"#{issue.Number} {issue.Title} [{issue.State.ToString().ToLowerInvariant()}]");
            console.Out.WriteLine($"labels: {string.Join(", ", issue.Labels)}; run {issue.RunId ?? "-"}, task {issue.TaskId ?? "-"}; opened {issue.CreatedAt:u}" + (issue.ClosedAt is { } closed ? $", closed {closed:u}" : string.Empty));
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
        return new Command("issues", "Read the local tracker's issues") { list, show };
    }

    private static async Task<LocalTracker> OpenAsync(string? repo, CancellationToken cancellationToken)
    {
        var paths = await CommonOptions.LocateAsync(repo, cancellationToken);
        return File.Exists(paths.TrackerFile)
            ? await LocalTracker.OpenAsync(paths.TrackerFile, TimeProvider.System, cancellationToken)
            : throw new CliInputException($"no issues in {paths.Root} yet; runs create them");
    }
}
