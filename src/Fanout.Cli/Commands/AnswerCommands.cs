using System.CommandLine;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Questions;
using Fanout.Orchestration.Session;

namespace Fanout.Cli.Commands;

/// <summary>
/// <c>fanout answer TASK TEXT</c> for the user, and for agents that do not speak MCP <c>fanout ask</c>
/// and <c>fanout progress</c>, which find their run and task in the FANOUT_* variables the run gave them.
/// </summary>
internal static class AnswerCommands
{
    public static Command Answer(FanoutHost host)
    {
        var task = new Argument<string>("TASK") { Description = "The task whose agent asked" };
        var text = new Argument<string>("TEXT") { Description = "The answer" };
        var run = CommonOptions.Run();
        var repo = CommonOptions.Repo();
        var command = new Command("answer", "Answer the question a task's agent is waiting on") { task, text, run, repo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var snapshot = await session.LoadRunAsync(parse.GetValue(run), cancellationToken);
            var question = await Answers.AnswerAsync(await session.JournalAsync(cancellationToken), host.Time, snapshot, parse.GetValue(task)!, parse.GetValue(text)!, AnswerSource.User, cancellationToken);
            await host.Console.Out.WriteLineAsync($"Answered {parse.GetValue(task)} (run {snapshot.Id}): \"{question.Text}\"");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Ask(FanoutHost host)
    {
        var text = new Argument<string>("QUESTION") { Description = "The question" };
        var (task, run, repo) = Identity();
        var timeout = new Option<string?>("--timeout") { Description = "How long to wait (default: FANOUT_ASK_TIMEOUT, else 10m)", HelpName = "DURATION" };
        var command = new Command("ask", "For a task's agent: ask the user a question and print the answer once it comes (or \"no answer; use your judgement\")") { text, task, run, repo, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (channel, session) = await ChannelAsync(host, parse, task, run, repo, cancellationToken);
            await using (session)
            {
                var wait = McpCommand.AskTimeout(parse.GetValue(timeout) ?? host.Environment("FANOUT_ASK_TIMEOUT"));
                var answer = await channel.AskAsync(parse.GetValue(text)!, wait, cancellationToken);
                await host.Console.Out.WriteLineAsync(answer.Answer);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    public static Command Progress(FanoutHost host)
    {
        var text = new Argument<string>("TEXT") { Description = "How far the task has got, in one short line" };
        var (task, run, repo) = Identity();
        var command = new Command("progress", "For a task's agent: report progress, shown in the dashboard's AGENT column and in status") { text, task, run, repo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (channel, session) = await ChannelAsync(host, parse, task, run, repo, cancellationToken);
            await using (session)
            {
                await channel.ReportProgressAsync(parse.GetValue(text)!, cancellationToken);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static (Option<string?> Task, Option<string?> Run, Option<string?> Repo) Identity() =>
    (
        new Option<string?>("--task") { Description = "The task (default: FANOUT_TASK)", HelpName = "TASK" },
        new Option<string?>("--run") { Description = "The run (default: FANOUT_RUN)", HelpName = "RUN" },
        new Option<string?>("--repo") { Description = "The repository (default: FANOUT_REPO, else the current directory)", HelpName = "DIR" }
    );

    private static async Task<(TaskChannel, FanoutSession)> ChannelAsync(FanoutHost host, ParseResult parse, Option<string?> task, Option<string?> run, Option<string?> repo, CancellationToken cancellationToken)
    {
        var taskId = parse.GetValue(task) ?? host.Environment("FANOUT_TASK")
            ?? throw new UserInputException("no task: give --task, or run this from a task's agent (it sets FANOUT_TASK)");
        var session = await FanoutSession.OpenAsync(host, parse.GetValue(repo) ?? host.Environment("FANOUT_REPO"), cancellationToken);
        try
        {
            var snapshot = await session.LoadRunAsync(parse.GetValue(run) ?? host.Environment("FANOUT_RUN"), cancellationToken);
            if (snapshot.Tasks.All(t => t.Id != taskId))
            {
                throw new UserInputException($"run {snapshot.Id} has no task '{taskId}'; its tasks: {string.Join(", ", snapshot.Tasks.Select(t => t.Id))}");
            }

            return (new TaskChannel(await session.JournalAsync(cancellationToken), host.Time, snapshot.Id, taskId), session);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }
}
