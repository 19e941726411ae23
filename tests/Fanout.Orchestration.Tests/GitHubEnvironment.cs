using Fanout.Processes;
using Fanout.Simulation.GitHub;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>
/// Tests that put a token in this process's GITHUB_TOKEN, as a user's shell would: they run one
/// at a time, and the variable is removed afterwards.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GitHubEnvironment : IDisposable
{
    public const string Name = "GITHUB_TOKEN in the environment";

    public static string Token { get; } = new SimulatedGitHubOptions().Token;

    public static GitHubEnvironment Set(string token)
    {
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", token);
        return new GitHubEnvironment();
    }

    /// <summary>A bare repository to push to, and the branches it holds.</summary>
    public static async Task InitBareAsync(string path) =>
        (await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["init", "--quiet", "--bare", path]), CancellationToken.None)).EnsureSuccess();

    public static async Task<IReadOnlyList<string>> BranchesAsync(string bare) =>
        (await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["branch", "--format=%(refname:short)"]) { WorkingDirectory = bare }, CancellationToken.None))
            .EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => Environment.SetEnvironmentVariable("GITHUB_TOKEN", null);
}
