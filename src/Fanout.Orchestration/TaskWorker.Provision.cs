using Fanout.Journal;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

public sealed partial class TaskWorker
{
    /// <summary>Issue and workspace as the run's strategy orders them (sequential is driven by the orchestrator).</summary>
    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        await SetStateAsync(TaskState.Provisioning);
        task.Issue = CreateIssueAsync(cancellationToken);
        if (run.Strategy == SetupStrategy.IssueFirst)
        {
            var issue = await task.Issue;
            await CreateWorkspaceAsync(issue.Number, cancellationToken);
        }
        else
        {
            // The workspace does not need the issue: the agent may start while the tracker catches up.
            await CreateWorkspaceAsync(null, cancellationToken);
        }
    }

    /// <summary>The sequential strategy's first pass: this task's issue only.</summary>
    public async Task ProvisionIssueAsync(CancellationToken cancellationToken)
    {
        await SetStateAsync(TaskState.Provisioning);
        task.Issue = CreateIssueAsync(cancellationToken);
        await task.Issue;
    }

    /// <summary>The sequential strategy's second pass: this task's workspace only.</summary>
    public Task ProvisionWorkspaceAsync(CancellationToken cancellationToken) => CreateWorkspaceAsync(null, cancellationToken);

    private Task<TrackerIssue> CreateIssueAsync(CancellationToken cancellationToken) =>
        PhaseAsync(Phase.Issue, async () =>
        {
            var request = new IssueRequest(run.RunId, Id, task.Task.Title, IssueBody())
            {
                Labels = ["fanout", .. task.Task.Labels],
            };
            var issue = await TrackAsync("create issue", () => run.Tracker.EnsureIssueAsync(request, cancellationToken));
            await RecordAsync(new TaskLinked(run.RunId, run.Recorder.Now, Id, Issue: issue.Number, IssueUrl: issue.Url));
            return issue;
        }, cancellationToken, run.Tracker.Name);

    private Task CreateWorkspaceAsync(int? issue, CancellationToken cancellationToken) =>
        PhaseAsync(Phase.Workspace, async () =>
        {
            var branch = WorkspaceNames.Branch(run.RunId, Id, issue);
            var path = WorkspaceNames.Directory(run.Paths.WorktreeRoot, run.RunId, Id, issue);
            task.Workspace = await run.Workspaces.CreateAsync(new WorkspaceRequest(run.RunId, Id, branch, path, run.BaseCommit), cancellationToken);
            await RecordAsync(new TaskLinked(run.RunId, run.Recorder.Now, Id, Branch: task.Workspace.Branch, Worktree: task.Workspace.Path));
        }, cancellationToken);

    private string IssueBody() =>
        $"""
        {task.Task.Prompt.TrimEnd()}

        ---
        Fanout run `{run.RunId}`, task `{Id}`, from `{run.BaseRef}` ({run.BaseCommit[..Math.Min(12, run.BaseCommit.Length)]}).
        """;

    /// <summary>Every tracker call is counted in the journal, for the run's trackerRequests metric.</summary>
    private async Task<T> TrackAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        finally
        {
            await RecordAsync(new TrackerRequested(run.RunId, run.Recorder.Now, Id, operation));
        }
    }

    private Task TrackAsync(string operation, Func<Task> call) =>
        TrackAsync(operation, async () =>
        {
            await call();
            return true;
        });

    /// <summary>The issue, waiting for it if the tracker is still catching up; a failed creation fails the task here.</summary>
    private async Task<TrackerIssue> AwaitIssueAsync(CancellationToken cancellationToken) =>
        task.Issue is { } issue
            ? await issue.WaitAsync(cancellationToken)
            : throw new PhaseFailedException(Phase.Issue, "the task has no issue");

    /// <summary>Tells the issue what happened; a tracker problem here must not hide the task's own outcome.</summary>
    private async Task CommentQuietlyAsync(string body, CancellationToken cancellationToken)
    {
        try
        {
            await AnnouncedAsync();
            var issue = await AwaitIssueAsync(cancellationToken);
            await TrackAsync("comment", () => run.Tracker.CommentAsync(issue.Number, body, cancellationToken));
        }
#pragma warning disable CA1031 // The comment is best effort by design; the journal already holds the failure.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
