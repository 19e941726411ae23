using Fanout.Journal;
using Fanout.Plans;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary>Merges one task into the integration branch, journaling each step; returns null when merged, else why not.</summary>
internal sealed class TaskMerger(MergeSetup setup, IntegrationWorktree integration)
{
    private RunRecorder Recorder => setup.Recorder;

    public async Task<string?> MergeAsync(MergeCandidate task, TaskOutcome outcome, IReadOnlyList<string> unmergedDependencies, CancellationToken cancellationToken)
    {
        if (outcome.State is not (TaskState.Succeeded or TaskState.Conflicted or TaskState.Merged))
        {
            return $"the task {outcome.State.Name()}";
        }

        if (outcome.Branch is not { } branch)
        {
            return "the task has no branch";
        }

        var id = task.TaskId;
        // Merged before (an earlier merge, or an attempt before a resume): nothing to do again.
        if (await integration.ContainsAsync(branch, cancellationToken))
        {
            return null;
        }

        await Recorder.RecordAsync(new PhaseStarted(setup.RunId, Recorder.Now, id, Phase.Merge, $"{branch} into {setup.Branch}"));
        if (unmergedDependencies.Count > 0)
        {
            return await NotMergedAsync(id, $"not merged: its dependency {string.Join(", ", unmergedDependencies)} was not merged", changeState: false);
        }

        try
        {
            var preview = await integration.PreviewAsync(branch, cancellationToken);
            var merge = preview.Merged
                ? await integration.MergeAsync(branch, $"Merge {id}: {task.Title}" + (outcome.Issue is { } n ? $" (#{n})" : string.Empty), cancellationToken)
                : preview;
            if (!merge.Merged)
            {
                var reason = $"conflicts with {setup.Branch} in {string.Join(", ", merge.Conflicts)}";
                await CommentAsync(id, outcome.Issue, ConflictComment(branch, merge.Conflicts), cancellationToken);
                return await NotMergedAsync(id, reason, changeState: true);
            }

            if (setup.Settings.Test == MergeTestMode.Each && setup.Test is { } test)
            {
                var tests = await TestAsync(test, [id], id, cancellationToken);
                if (!tests.Passed)
                {
                    await integration.UndoLastMergeAsync(cancellationToken);
                    var reason = $"merging it breaks the tests: `{tests.Command}` exited with code {tests.ExitCode} on {setup.Branch}; the merge was taken back";
                    await CommentAsync(id, outcome.Issue, $"Fanout run `{setup.RunId}`: {reason}. Log: `{setup.LogFile}`.", cancellationToken);
                    return await NotMergedAsync(id, reason, changeState: true);
                }
            }

            var head = await integration.HeadAsync(cancellationToken);
            await Recorder.RecordAsync(new PhaseEnded(setup.RunId, Recorder.Now, id, Phase.Merge, PhaseOutcome.Succeeded));
            await Recorder.RecordAsync(new TaskStateChanged(setup.RunId, Recorder.Now, id, TaskState.Merged, $"into {setup.Branch} at {head[..12]}"));
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Recorder.RecordAsync(new PhaseEnded(setup.RunId, Recorder.Now, id, Phase.Merge, PhaseOutcome.Cancelled));
            throw;
        }
        catch (GitException error)
        {
            return await NotMergedAsync(id, error.Message, changeState: false);
        }
    }

    /// <summary>Runs the test command on the integration branch and journals the verdict with the merges it covers.</summary>
    public async Task<MergeTestResult> TestAsync(CommandSpec test, IReadOnlyList<string> merged, string? task, CancellationToken cancellationToken)
    {
        var result = await integration.TestAsync(test, task, cancellationToken);
        var verdict = new MergeTestResult(result.Succeeded, test.ToString(), merged, result.ExitCode, result.Succeeded ? null : result.StandardErrorTail());
        var head = await integration.HeadAsync(cancellationToken);
        await Recorder.RecordAsync(new MergeTested(setup.RunId, Recorder.Now, setup.Branch, head, merged, verdict.Passed, verdict.Command, verdict.ExitCode, verdict.StderrTail));
        return verdict;
    }

    private async Task<string> NotMergedAsync(string id, string reason, bool changeState)
    {
        await Recorder.RecordAsync(new PhaseEnded(setup.RunId, Recorder.Now, id, Phase.Merge, PhaseOutcome.Failed, reason));
        if (changeState)
        {
            await Recorder.RecordAsync(new TaskStateChanged(setup.RunId, Recorder.Now, id, TaskState.Conflicted, reason));
        }

        return reason;
    }

    private string ConflictComment(string branch, IReadOnlyList<string> paths) =>
        $"""
        Fanout run `{setup.RunId}`: merging `{branch}` into `{setup.Branch}` would conflict in:

        {string.Join('\n', paths.Select(p => $"- `{p}`"))}

        Nothing was merged; the other tasks went on. To resolve, merge `{setup.Branch}` into `{branch}`, fix the conflicts and commit, then run `fanout merge {setup.RunId}` again.
        """;

    /// <summary>Best effort: the journal already holds the outcome, and a tracker problem must not stop the queue.</summary>
    private async Task CommentAsync(string id, int? issue, string body, CancellationToken cancellationToken)
    {
        if (issue is not { } number)
        {
            return;
        }

        try
        {
            await setup.Tracker.CommentAsync(number, body, cancellationToken);
        }
#pragma warning disable CA1031 // The comment is best effort by design.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            await Recorder.RecordAsync(new TrackerRequested(setup.RunId, Recorder.Now, id, "comment"));
        }
    }
}
