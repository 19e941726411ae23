using Fanout.Agents;
using Fanout.Core;
using Fanout.Journal;
using Fanout.Trackers;

namespace Fanout.Orchestration.Pipeline;

/// <summary>Runs the agent; a failed run is repeated in the same worktree up to the task's retries, each attempt its own phase.</summary>
internal sealed class AgentPhase(TaskScope scope)
{
    /// <summary>The run's continuation for an agent that was interrupted mid-work and continues its own session.</summary>
    public const string ContinueInterrupted = "The run was interrupted while you worked on this task. Your earlier changes are still in the worktree. Continue the task where you stopped and finish it.";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (scope.Task.History is { AgentFinished: true } && !scope.Task.RunAgentAgain)
        {
            // Its work is done and still in the worktree: the gate judges it, the agent does not run again.
            await scope.RecordAsync(new AgentActivity(scope.Run.RunId, scope.Now, scope.Id, "resume", "the agent finished in an earlier attempt; verifying its work"));
            return;
        }

        var issue = scope.Agent.NeedsIssue ? await scope.AwaitIssueAsync(cancellationToken) : null;
        AnnounceStart(cancellationToken);
        var invocation = await InvocationAsync(issue?.Number, cancellationToken);
        var attempts = 1 + scope.Settings.Retries;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var detail = attempts == 1 ? scope.Agent.Name : $"attempt {attempt}/{attempts}";
                await scope.PhaseAsync(Phase.Agent, () => AttemptAsync(invocation, attempts == 1 ? null : detail, cancellationToken), cancellationToken, detail);
                return;
            }
            catch (PhaseFailedException) when (attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                await scope.RecordAsync(new AgentActivity(scope.Run.RunId, scope.Now, scope.Id, "retry", $"attempt {attempt}/{attempts} failed; retrying in the same worktree"));
            }
        }
    }

    private async Task AttemptAsync(AgentInvocation invocation, string? attempt, CancellationToken cancellationToken)
    {
        var activity = new ActivityReporter(scope.Run, scope.Id);
        var processes = new ProcessTracker(scope, scope.Agent.Name);
        var outcome = await scope.Agent.RunAsync(invocation with { OnProcessStarted = processes.OnStarted }, activity, cancellationToken);
        await activity.FlushAsync(cancellationToken);
        await processes.ExitedAsync(outcome.ExitCode);
        scope.AgentOutcome = outcome;
        if (!outcome.Succeeded)
        {
            // The failed span's detail becomes this message, so it keeps saying which attempt it was.
            var message = outcome.Failure(scope.Agent.Name, invocation.Timeout);
            throw new PhaseFailedException(Phase.Agent, attempt is null ? message : $"{attempt}: {message}", outcome.Command, outcome.ExitCode, outcome.StderrTail);
        }
    }

    /// <summary>Tells the issue the agent started, once the issue exists, without holding the agent back.</summary>
    private void AnnounceStart(CancellationToken cancellationToken)
    {
        if (scope.Run.Tracker is not ITrackerLifecycle lifecycle)
        {
            return;
        }

        var body = $"Fanout run `{scope.Run.RunId}`: agent `{scope.Agent.Name}` started on branch `{scope.Workspace.Branch}`.";
        scope.Announce(async () =>
        {
            try
            {
                var issue = await scope.AwaitIssueAsync(cancellationToken);
                await scope.TrackAsync("comment", () => lifecycle.AgentStartedAsync(issue.Number, body, cancellationToken));
            }
#pragma warning disable CA1031 // Best effort: the task's outcome never depends on this comment.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
    }

    private async Task<AgentInvocation> InvocationAsync(int? issue, CancellationToken cancellationToken)
    {
        var run = scope.Run;
        var task = scope.Task;
        var workspace = scope.Workspace;
        var promptFile = run.Paths.PromptFile(run.RunId, scope.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(promptFile)!);
        var context = new PromptContext(run.RunId, workspace.Branch, run.BaseRef, workspace.Path)
        {
            Issue = issue ?? task.IssueNumber,
            IssueUrl = task.Issue is { IsCompletedSuccessfully: true } created ? created.Result.Url : null,
            TestCommand = scope.Settings.Test?.ToString(),
            Preamble = run.Plan.Preamble,
            Sparse = workspace.Sparse,
        };
        var prompt = PromptComposer.Compose(task.Task, context);
        if (task.FollowUp is { } followUp)
        {
            // The prompt file holds the whole instruction, follow-up included, for agents that start afresh.
            prompt = $"{prompt.TrimEnd()}\n\n## Follow-up\n\n{followUp.Trim()}\n";
        }

        await File.WriteAllTextAsync(promptFile, prompt, cancellationToken);
        return new AgentInvocation(run.RunId, scope.Id, task.Task.Title, promptFile, workspace.Path, workspace.Branch, scope.LogFile)
        {
            Issue = context.Issue,
            Environment = Environment(),
            Timeout = scope.Settings.Timeout,
            ResumeSession = task.History?.Snapshot.AgentSession,
            Continuation = task.FollowUp ?? ContinueInterrupted,
        };
    }

    /// <summary>
    /// The plan's <c>env:</c> under the FANOUT_* variables, every credential removed; passed back are
    /// only the preset's own vendor keys (Claude Code cannot work without its key), what the plan names
    /// under <c>passEnv:</c> (never the database's), and the tracker's token when it says <c>passTrackerToken: true</c>.
    /// </summary>
    private Dictionary<string, string?> Environment()
    {
        var settings = scope.Settings;
        var environment = settings.Environment.ToDictionary(p => p.Key, p => (string?)p.Value);
        foreach (var (name, value) in TaskVariables.ForTask(scope.Run, scope.Task).ToEnvironment())
        {
            environment[name] = value;
        }

        IEnumerable<string> passed = [.. (scope.Agent as PresetAgent)?.Preset.KeyVariables ?? [], .. settings.PassEnvironment];
        if (settings.PassTrackerToken)
        {
            passed = passed.Concat(SecretVariables.TrackerTokens);
        }

        // The shared database's credentials stay with the worker, whatever passEnv names.
        foreach (var name in passed.Except(SecretVariables.DatabaseSecrets, StringComparer.Ordinal))
        {
            // The inherited value reaches the agent, or the plan's own env value when it sets one.
            environment.Remove(name);
            if (settings.Environment.TryGetValue(name, out var value))
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
