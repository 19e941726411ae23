using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Resuming;
using Fanout.Orchestration.Session;

namespace Fanout.Cli.Commands;

/// <summary><c>fanout resume</c> and <c>fanout retry</c>: take a run up again under its own id, in its own worktrees.</summary>
internal static class ResumeCommand
{
    public static Command Resume(FanoutHost host)
    {
        var run = new Argument<string?>("RUN") { Description = "A run id (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var options = new SharedOptions();
        var command = new Command("resume", "Continue an interrupted, cancelled or failed run: tasks that succeeded are kept, every other one is taken up where the journal says it was") { run };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.ExecuteAsync(host, parse, new ResumeRequest { RunId = parse.GetValue(run) }, cancellationToken));
        return command;
    }

    public static Command Retry(FanoutHost host)
    {
        var tasks = new Argument<string[]>("TASK") { Description = "The tasks to run again, agents included (then whatever they had blocked)", Arity = ArgumentArity.OneOrMore };
        var run = CommonOptions.Run();
        var prompt = new Option<string?>("--prompt") { Description = "A follow-up instruction added to the tasks' prompts (and sent to a continued agent session)", HelpName = "TEXT" };
        var promptFile = new Option<string?>("--prompt-file") { Description = "The follow-up instruction, from a file", HelpName = "FILE" };
        var options = new SharedOptions();
        var command = new Command("retry", "Run tasks of a finished run again in their worktrees, with an optional follow-up instruction, then whatever they had blocked") { tasks, run, prompt, promptFile };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new ResumeRequest
            {
                RunId = parse.GetValue(run),
                Retry = [.. parse.GetValue(tasks)!.Distinct(StringComparer.Ordinal)],
                FollowUp = await FollowUpAsync(parse.GetValue(prompt), parse.GetValue(promptFile), cancellationToken),
            };
            return await options.ExecuteAsync(host, parse, request, cancellationToken);
        });
        return command;
    }

    private static async Task<string?> FollowUpAsync(string? text, string? file, CancellationToken cancellationToken)
    {
        if (text is not null && file is not null)
        {
            throw new UserInputException("--prompt and --prompt-file both give the follow-up; pass one of them");
        }

        if (file is null)
        {
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        return File.Exists(file)
            ? await File.ReadAllTextAsync(file, cancellationToken)
            : throw new UserInputException($"--prompt-file {file}: no such file");
    }

    /// <summary>What resume and retry share: where, how to show it, and whether to merge as tasks finish.</summary>
    private sealed class SharedOptions
    {
        private readonly Option<string?> _repo = CommonOptions.Repo();
        private readonly Option<string?> _db = CommonOptions.Db();
        private readonly Option<bool> _merge = new("--merge") { Description = "Merge each task as it finishes, in dependency order, into fanout/<run>/integration" };
        private readonly Option<bool> _json = CommonOptions.Json("Print one JSON object per event instead of lines");
        private readonly Option<bool> _plain = Renderers.PlainOption();

        public void AddTo(Command command)
        {
            command.Options.Add(_repo);
            command.Options.Add(_db);
            command.Options.Add(_merge);
            command.Options.Add(_json);
            command.Options.Add(_plain);
        }

        public async Task<int> ExecuteAsync(FanoutHost host, ParseResult parse, ResumeRequest request, CancellationToken cancellationToken)
        {
            await using var session = await CommonOptions.SessionAsync(host, parse, _repo, cancellationToken, _db);
            if (session.Database is not null && request.IsRetry)
            {
                throw new UserInputException("fanout retry is not available for a run spread over machines (--db or FANOUT_DB); 'fanout resume' takes up the tasks its coordinator never enqueued, and a new run does the rest");
            }

            var resumed = await ResumePreparation.PrepareAsync(session, request with { Merge = parse.GetValue(_merge) }, cancellationToken);
            // A run spread over machines whose coordinator died may have every task done but its end unjournaled: the resume journals it.
            if (resumed.NothingToDo && (session.Database is null || resumed.Before.State != Journal.RunState.Interrupted))
            {
                await host.Console.Out.WriteLineAsync($"run {resumed.Before.Id}: every task succeeded; nothing to resume ('fanout retry TASK' runs one again)");
                return ExitCodes.Success;
            }

            return await RunCommand.ExecuteAsync(session, resumed.Prepared, parse.GetValue(_json), cancellationToken, parse.GetValue(_plain), resumed.Resumption);
        }
    }
}
