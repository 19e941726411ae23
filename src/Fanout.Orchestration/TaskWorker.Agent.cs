using Fanout.Agents;
using Fanout.Journal;

namespace Fanout.Orchestration;

public sealed partial class TaskWorker
{
    /// <summary>The last agent run's outcome, quoted by the gate when the agent changed nothing.</summary>
    private AgentOutcome? _agentOutcome;

    /// <summary>Runs the agent; a failed run is repeated in the same worktree up to the plan's retries, each attempt its own phase.</summary>
    private async Task RunAgentAsync(CancellationToken cancellationToken)
    {
        var issue = agent.NeedsIssue ? await AwaitIssueAsync(cancellationToken) : null;
        AnnounceAgentStart(cancellationToken);
        var invocation = await InvocationAsync(issue?.Number, cancellationToken);
        var attempts = 1 + AgentFactory.RetriesOf(run.Plan, task.Task);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var detail = attempts == 1 ? agent.Name : $"attempt {attempt}/{attempts}";
                await PhaseAsync(Phase.Agent, () => AttemptAsync(invocation, attempts == 1 ? null : detail, cancellationToken), cancellationToken, detail);
                return;
            }
            catch (PhaseFailedException) when (attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                await RecordAsync(new AgentActivity(run.RunId, run.Recorder.Now, Id, "retry", $"attempt {attempt}/{attempts} failed; retrying in the same worktree"));
            }
        }
    }

    private async Task AttemptAsync(AgentInvocation invocation, string? attempt, CancellationToken cancellationToken)
    {
        var activity = new ActivityReporter(run, Id);
        var outcome = await agent.RunAsync(invocation, activity, cancellationToken);
        await activity.FlushAsync(cancellationToken);
        _agentOutcome = outcome;
        if (!outcome.Succeeded)
        {
            // The failed span's detail becomes this message, so it keeps saying which attempt it was.
            var message = outcome.Failure(agent.Name, invocation.Timeout);
            throw new PhaseFailedException(Phase.Agent, attempt is null ? message : $"{attempt}: {message}", outcome.Command, outcome.ExitCode, outcome.StderrTail);
        }
    }

    private async Task<AgentInvocation> InvocationAsync(int? issue, CancellationToken cancellationToken)
    {
        var promptFile = run.Paths.PromptFile(run.RunId, Id);
        Directory.CreateDirectory(Path.GetDirectoryName(promptFile)!);
        var context = new PromptContext(run.RunId, Workspace.Branch, run.BaseRef, Workspace.Path)
        {
            Issue = issue ?? task.IssueNumber,
            IssueUrl = task.Issue is { IsCompletedSuccessfully: true } created ? created.Result.Url : null,
            TestCommand = (task.Task.Test ?? run.Plan.Test)?.ToString(),
            Preamble = run.Plan.Preamble,
        };
        await File.WriteAllTextAsync(promptFile, PromptComposer.Compose(task.Task, context), cancellationToken);
        var environment = AgentFactory.EnvironmentOf(run.Plan, task.Task).ToDictionary(p => p.Key, p => (string?)p.Value);
        foreach (var (name, value) in run.Environment(task))
        {
            environment[name] = value;
        }

        if (AgentFactory.PassesTrackerToken(run.Plan, task.Task))
        {
            // The plan asked for it: the inherited token (or the plan's own env value) reaches the agent.
            foreach (var secret in RunContext.SecretVariables)
            {
                environment.Remove(secret);
                if (AgentFactory.EnvironmentOf(run.Plan, task.Task).TryGetValue(secret, out var value))
                {
                    environment[secret] = value;
                }
            }
        }

        return new AgentInvocation(run.RunId, Id, task.Task.Title, promptFile, Workspace.Path, Workspace.Branch, LogFile)
        {
            Issue = context.Issue,
            Environment = environment,
            Timeout = AgentFactory.TimeoutOf(run.Plan, task.Task),
        };
    }
}
