using System.Net;
using System.Text.Json.Nodes;

using Octokit;

namespace Fanout.Trackers.GitHub;

internal sealed partial class IssueBatcher
{
    /// <summary>
    /// One attempt with what is still missing of the batch. Issues GitHub made are handed out at
    /// once; an answer that refuses GraphQL itself (no such endpoint, not for this token) made nothing.
    /// </summary>
    private async Task<BatchOutcome> SendOnceAsync(string repository, BatchState state, CancellationToken cancellationToken)
    {
        var drafts = state.Remaining.Select(p => p.Draft).ToArray();
        var (query, variables) = IssueMutation.Build(repository, drafts);
        JsonObject answer;
        try
        {
            answer = await api.GraphQL.SendAsync(query, variables, cancellationToken);
        }
        catch (ApiException refused) when (RefusesGraphQL(refused))
        {
            return BatchOutcome.RefusedGraphQL;
        }

        var missing = new List<PendingIssue>();
        for (var i = 0; i < drafts.Length; i++)
        {
            var pending = state.Remaining[i];
            if (IssueMutation.Created(answer, i) is { } issue)
            {
                pending.Complete(issue);
                continue;
            }

            var errors = IssueMutation.Errors(answer, i);
            if (errors.Count == 0 || errors.Any(e => e.RateLimited))
            {
                missing.Add(pending);
            }
            else
            {
                pending.Fail(new TrackerValidationException($"creating the issue of task {pending.Draft.TaskId}: GitHub refused it: {string.Join("; ", errors.Select(e => e.Message))}"));
            }
        }

        state.Remaining = missing;
        var general = IssueMutation.Errors(answer, null);
        if (missing.Count > 0 && general.Any(e => e.RateLimited))
        {
            // A limit hit before the first create made nothing more: the governor waits, then sends what is left.
            throw new ApiException(string.Join("; ", general.Select(e => e.Message)), (HttpStatusCode)429);
        }

        if (missing.Count == drafts.Length && general.Count > 0 && answer["data"] is null)
        {
            // The document itself was refused (an Enterprise server without createIssue, say): nothing ran.
            return BatchOutcome.RefusedGraphQL;
        }

        // What GitHub skipped for load is sent in a later batch, in its turn.
        state.Deferred = missing;
        state.Remaining = [];
        return BatchOutcome.Done;
    }

    /// <summary>After an answer that may hide creates (a 502, a timeout): each missing issue looked up by its marker before anything is sent again.</summary>
    private async Task<BatchOutcome?> RecoverAsync(BatchState state, CancellationToken cancellationToken)
    {
        var recent = await api.ListIssuesAsync(GitHubIssues.LabelFilter(api.Options.Label), 100, 1, cancellationToken);
        var still = new List<PendingIssue>();
        foreach (var pending in state.Remaining)
        {
            if (recent.Where(i => GitHubIssues.Belongs(i, pending.Draft.RunId, pending.Draft.TaskId)).MinBy(i => i.Number) is { } found)
            {
                pending.Complete(GitHubIssues.ToTracker(found));
            }
            else
            {
                still.Add(pending);
            }
        }

        state.Remaining = still;
        return still.Count == 0 ? BatchOutcome.Done : null;
    }

    /// <summary>Answers that say GraphQL is not for this server or token; REST may still work (it did for the access check).</summary>
    private static bool RefusesGraphQL(ApiException error) =>
        !GitHubFailure.IsSecondaryLimit(error)
        && error is not RateLimitExceededException
        && error.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
            or HttpStatusCode.UnprocessableEntity or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented;

    /// <summary>The batch as it goes: what is still to be created, and what GitHub deferred for load.</summary>
    private sealed class BatchState(List<PendingIssue> batch)
    {
        public List<PendingIssue> Remaining { get; set; } = batch;

        public List<PendingIssue> Deferred { get; set; } = [];
    }

    private sealed class BatchOutcome
    {
        public static readonly BatchOutcome Done = new(false);

        public static readonly BatchOutcome RefusedGraphQL = new(true);

        private BatchOutcome(bool refused) => Refused = refused;

        public bool Refused { get; }
    }
}
