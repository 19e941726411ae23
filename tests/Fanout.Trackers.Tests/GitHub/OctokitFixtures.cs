using Xunit;

namespace Fanout.Trackers.Tests.GitHub;

/// <summary>
/// Finds the recorded GitHub exchanges of the npm package @octokit/fixtures: from
/// FANOUT_OCTOKIT_FIXTURES, else artifacts/node/ above the test assembly (where .ci/run installs it).
/// </summary>
internal static class OctokitFixtures
{
    public const string Variable = "FANOUT_OCTOKIT_FIXTURES";

    public static string? Folder { get; } = Locate();

    public static string Scenario(string name) =>
        Path.Combine(Folder ?? throw new InvalidOperationException("@octokit/fixtures is not installed"), name, "normalized-fixture.json");

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "artifacts", "node", "node_modules", "@octokit", "fixtures", "scenarios", "api.github.com");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A test that replays recorded GitHub traffic; skipped, saying why, only when the package is absent.</summary>
internal sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute()
    {
        if (OctokitFixtures.Folder is null)
        {
            Skip = $"@octokit/fixtures not found: run 'npm install --prefix artifacts/node @octokit/fixtures' (as .ci/run does) or set {OctokitFixtures.Variable}";
        }
    }
}
