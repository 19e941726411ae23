using System.Globalization;
using System.Text;

namespace Fanout.Bench;

/// <summary>
/// The plan every strategy runs: N independent tasks whose agent only touches one file, so the
/// gate has a commit to find and everything measured is Fanout's own setup.
/// </summary>
public static class BenchPlan
{
    public const string GitHubRepository = "bench/sample";

    /// <param name="gitHubApi">The simulated GitHub to track issues in, or null for the local tracker.</param>
    public static string Write(string folder, int tasks, Uri? gitHubApi)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"name: bench-{tasks}\n");
        if (gitHubApi is null)
        {
            text.Append("tracker: local\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"tracker: github\ngithub:\n  repo: {GitHubRepository}\n  baseUrl: \"{gitHubApi}\"\n");
        }

        text.Append("agent: touch\nagents:\n  touch:\n    command: [touch, \"{worktree}/.fanout-bench-{task}\"]\ntasks:\n");
        for (var i = 1; i <= tasks; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - id: t{i}\n    title: Bench task {i}\n    prompt: Touch one file.\n");
        }

        var path = Path.Combine(folder, gitHubApi is null ? $"bench-{tasks}.yaml" : $"bench-{tasks}-github.yaml");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
