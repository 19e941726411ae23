using Fanout.Orchestration.Merging;

namespace Fanout.Cli.Commands;

/// <summary>The human summary of a merge: the integration branch, what merged, what did not and why, tests, --into.</summary>
internal static class MergeReportWriter
{
    public static void Write(TextWriter output, string runId, MergeReport report)
    {
        output.WriteLine();
        var head = report.Head is { } h ? $" at {h[..Math.Min(12, h.Length)]}" : string.Empty;
        output.WriteLine($"Merge of run {runId}: {report.Merged.Count} merged, {report.NotMerged.Count} not merged into {report.Branch}{head} (worktree {report.Worktree})");
        if (report.Merged.Count > 0)
        {
            output.WriteLine($"  merged, in order: {string.Join(", ", report.Merged)}");
        }

        foreach (var (task, reason) in report.NotMerged)
        {
            output.WriteLine($"  {task}: {reason}");
        }

        if (report.Tests is { } tests)
        {
            output.WriteLine(tests.Passed
                ? $"  tests passed on {report.Branch}: {tests.Command}"
                : $"  tests FAILED on {report.Branch} after merging {string.Join(", ", tests.Merged)}: `{tests.Command}` exited with code {tests.ExitCode}; one of these broke them (--test-each names which)");
        }

        if (report.Error is { } error)
        {
            output.WriteLine($"  the merge queue stopped: {error}");
        }

        if (report.Into is { } into)
        {
            output.WriteLine($"  {into}");
        }
    }
}
