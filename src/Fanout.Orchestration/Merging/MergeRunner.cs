using Fanout.Core;
using Fanout.Journal;
using Fanout.Plans;

namespace Fanout.Orchestration.Merging;

/// <summary>
/// The merge queue: merges the tasks that succeeded into the run's integration branch, in dependency order: a task
/// merges once it finished and every task it depends on merged. Each merge is checked for conflicts
/// first without touching any working tree; a conflicting task is marked conflicted, its issue is
/// told, and the queue goes on. Only this class decides the order; <see cref="TaskMerger"/> merges one
/// task. (A pull-request delivery would replace the merger, not the order.)
/// </summary>
public sealed class MergeRunner(MergeSetup setup)
{
    /// <param name="candidates">The run's tasks in dependency order; their outcomes may still be pending (merge as tasks finish).</param>
    public async Task<MergeReport> RunAsync(IReadOnlyList<MergeCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (setup.Settings.Into is { } into)
        {
            await IntoBranch.CheckAsync(setup.Git, into, setup.Branch, cancellationToken);
        }

        var integration = await IntegrationWorktree.OpenAsync(setup, cancellationToken);
        var merger = new TaskMerger(setup, integration);
        var known = candidates.Select(c => c.TaskId).ToHashSet(StringComparer.Ordinal);
        var resolved = new Dictionary<string, bool>(StringComparer.Ordinal);
        var merged = new List<string>();
        var notMerged = new List<(string, string)>();
        var pending = candidates.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(c => c.Finished.IsCompleted && c.DependsOn.Where(known.Contains).All(resolved.ContainsKey));
            if (next is null)
            {
                var running = pending.Where(c => !c.Finished.IsCompleted).Select(c => c.Finished).ToArray();
                if (running.Length == 0)
                {
                    // Only a dependency cycle could leave finished tasks waiting; plans are acyclic, but never spin.
                    notMerged.AddRange(pending.Select(c => (c.TaskId, "its dependencies never resolved")));
                    break;
                }

                await Task.WhenAny(running).WaitAsync(cancellationToken);
                continue;
            }

            pending.Remove(next);
            var unmerged = next.DependsOn.Where(d => resolved.TryGetValue(d, out var ok) && !ok).ToArray();
            var reason = await merger.MergeAsync(next, await next.Finished, unmerged, cancellationToken);
            resolved[next.TaskId] = reason is null;
            if (reason is null)
            {
                merged.Add(next.TaskId);
            }
            else
            {
                notMerged.Add((next.TaskId, reason));
            }
        }

        var tests = setup.Settings.Test == MergeTestMode.Once && setup.Test is { } test && merged.Count > 0
            ? await merger.TestAsync(test, merged, null, cancellationToken)
            : null;
        var report = new MergeReport(setup.Branch, integration.Workspace.Path)
        {
            Head = await integration.HeadAsync(cancellationToken),
            Merged = merged,
            NotMerged = notMerged,
            Tests = tests,
        };
        return await IntoAsync(report, integration, cancellationToken);
    }

    /// <summary>
    /// Only a good result goes into the user's branch: every task merged and the tests passed, or,
    /// with <c>--partial</c>, the tasks that did merge, with the tests passing on them.
    /// </summary>
    private async Task<MergeReport> IntoAsync(MergeReport report, IntegrationWorktree integration, CancellationToken cancellationToken)
    {
        if (setup.Settings.Into is not { } into)
        {
            return report;
        }

        var leftOut = string.Join(", ", report.NotMerged.Select(n => n.Task));
        if (!report.Succeeded && !setup.Settings.Partial)
        {
            var retry = report.NotMerged.Count > 0 ? $", or fix them first with 'fanout retry {string.Join(' ', report.NotMerged.Select(n => n.Task))}'" : string.Empty;
            return report with { Into = $"{into} was not changed: not every task merged with passing tests{(leftOut.Length > 0 ? $" ({leftOut} did not)" : string.Empty)}; land what did with 'fanout merge {setup.RunId} --into {into} --partial'{retry}" };
        }

        if (report.Error is not null || report.Tests is { Passed: false } || report.Merged.Count == 0)
        {
            var why = report.Error ?? (report.Merged.Count == 0 ? "no task merged" : "the tests failed on the merged tasks");
            return report with { Into = $"{into} was not changed: {why}" };
        }

        try
        {
            var done = await IntoBranch.UpdateAsync(integration, into, setup.Branch, cancellationToken);

            // clean reads this to know the tasks' branches are in `into`, not only in the base.
            await setup.Recorder.RecordAsync(new MergeLanded(setup.RunId, setup.Recorder.Now, into, report.Merged));
            return report with { Into = leftOut.Length == 0 ? done : $"{done}; landed {string.Join(", ", report.Merged)}, left out {leftOut}" };
        }
        catch (UserInputException refused)
        {
            return report with { IntoRefused = refused.Message };
        }
    }

    /// <summary>Orders tasks so each comes after its dependencies, keeping the given order where it can.</summary>
    public static IReadOnlyList<T> DependencyOrder<T>(IReadOnlyList<T> items, Func<T, string> id, Func<T, IReadOnlyList<string>> dependsOn)
    {
        ArgumentNullException.ThrowIfNull(items);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ids = items.Select(id).ToHashSet(StringComparer.Ordinal);
        var order = new List<T>(items.Count);
        var left = items.ToList();
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(item => dependsOn(item).Where(ids.Contains).All(placed.Contains)) ?? left[0];
            left.Remove(next);
            placed.Add(id(next));
            order.Add(next);
        }

        return order;
    }
}
