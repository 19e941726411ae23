using System.Text;

using Fanout.Processes;
using Fanout.Simulation.GitHub;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>
/// Secrets planted in the environment, in a task's prompt and title, and in an agent's output and
/// stderr: none reaches a command that was not given it, and none is in anything Fanout writes or
/// sends (logs, journal, --json events, status, report, the HTML timeline, issues, comments, pull
/// requests). Only the prompt file handed to the agent keeps the user's own text.
/// </summary>
public sealed class SecretsTests
{
    private const string EnvironmentSecret = "planted-enterprise-value-0042";
    private const string VendorKey = "sk-ant-api03-PlantedKeyPlantedKeyPlantedKey0123456789";
    private const string OutputToken = "ghp_PlantedInTheAgentsOutput0123456789ab";
    private const string PromptToken = "github_pat_PlantedInThePrompt0123_456789abcdefghijABCDEFGHIJ";
    private const string TitleToken = "sk-proj-PlantedInTheTitle0123456789_abcdefgh";

    [Fact]
    public async Task Planted_secrets_reach_no_command_and_nothing_fanout_writes_or_sends()
    {
        await using var server = SimulatedGitHubServer.Start();
        using var remote = new TempDirectory("fanout-remote");
        await InitBareAsync(remote.Path);
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", Plan(server));
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");
        await repository.GitAsync("remote", "add", "origin", remote.Path);
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = server.Options.Token,
            ["GH_TOKEN"] = null,
            ["GH_ENTERPRISE_TOKEN"] = EnvironmentSecret,
            ["ANTHROPIC_API_KEY"] = VendorKey,
            ["GIT_ASKPASS"] = "/bin/echo",
        };
        using var html = new TempDirectory("fanout-html");

        var run = await FanoutCli.RunAsync(repository.Path, environment, "run", "fanout.yaml", "--pr", "--json");
        var status = await FanoutCli.RunAsync(repository.Path, environment, "status", "--json");
        var report = await FanoutCli.RunAsync(repository.Path, environment, "report", "--json", "--html", html.Combine("report.html"));
        var logs = await FanoutCli.RunAsync(repository.Path, environment, "logs", "broken");

        run.ExitCode.ShouldBe(1, run.StandardError);
        var state = Path.Combine(repository.Path, ".git", "fanout");
        var files = Directory.EnumerateFiles(state, "*", SearchOption.AllDirectories).ToArray();
        var dumps = files.Where(f => f.EndsWith("-env", StringComparison.Ordinal)).ToArray();
        var prompts = files.Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "prompts").ToArray();
        dumps.Length.ShouldBe(5, "setup, agent and test of the good task; setup and agent of the broken one");
        foreach (var dump in dumps)
        {
            var variables = await File.ReadAllTextAsync(dump);
            variables.ShouldNotContain(EnvironmentSecret, customMessage: dump);
            variables.ShouldNotContain(VendorKey, customMessage: dump);
            variables.ShouldNotContain(server.Options.Token, customMessage: dump);
            variables.ShouldNotContain("GIT_ASKPASS=", customMessage: dump);
        }

        // The user's own text reaches the agent as written.
        (await File.ReadAllTextAsync(prompts.Single(p => p.EndsWith("ok.md", StringComparison.Ordinal)))).ShouldContain($"{PromptToken} and {EnvironmentSecret}");

        var written = new List<(string Where, string Text)>
        {
            ("run --json", run.StandardOutput + run.StandardError),
            ("status --json", status.StandardOutput),
            ("report --json", report.StandardOutput),
            ("report --html", await File.ReadAllTextAsync(html.Combine("report.html"))),
            ("logs", logs.StandardOutput),
        };
        foreach (var file in files.Except(dumps).Except(prompts))
        {
            written.Add((file, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file))));
        }

        written.AddRange(server.Bodies.Select(b => ("sent to GitHub", b)));
        written.AddRange(server.Issues.Select(i => ("issue", $"{i.Title}\n{i.Body}\n{string.Join('\n', i.Comments)}")));
        written.AddRange(server.Pulls.Select(p => ("pull request", $"{p.Title}\n{p.Body}")));
        foreach (var (where, text) in written)
        {
            foreach (var secret in new[] { EnvironmentSecret, VendorKey, OutputToken, PromptToken, TitleToken, server.Options.Token })
            {
                text.ShouldNotContain(secret, customMessage: where);
            }
        }

        // What was redacted is still there, marked, where people read it.
        logs.StandardOutput.ShouldContain("ghp_[redacted]");
        server.Issues.ShouldContain(i => i.Body.Contains("github_pat_[redacted] and [redacted]", StringComparison.Ordinal));
        server.Pulls.ShouldHaveSingleItem().Title.ShouldContain("sk-proj-[redacted]");
        run.StandardOutput.ShouldContain("ghp_[redacted]");
    }

    private static string Plan(SimulatedGitHubServer server) => $$"""
        tracker: github
        github: {repo: {{server.Repository}}, baseUrl: '{{server.BaseAddress}}', minInterval: 50ms, perMinute: 1000, perHour: 10000}
        agent: shell
        agents:
          shell:
            command: [sh, -c, 'env > "$FANOUT_LOG_FILE.agent-env"; cat "$FANOUT_PROMPT_FILE"; if [ "$FANOUT_TASK" = broken ]; then echo "fatal: bad credentials {{OutputToken}}" >&2; exit 1; fi; echo "agent printed {{OutputToken}}"; echo done > "done-$FANOUT_TASK.txt"']
        setup: env > "$FANOUT_LOG_FILE.setup-env"
        test: env > "$FANOUT_LOG_FILE.test-env"
        tasks:
          - id: ok
            title: Use {{TitleToken}}
            prompt: Deploy with {{PromptToken}} and {{EnvironmentSecret}}.
          - id: broken
            prompt: Fail with {{PromptToken}}.
        """;

    /// <summary>A bare repository the run pushes its branches to.</summary>
    private static async Task InitBareAsync(string path) =>
        (await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["init", "--quiet", "--bare", path]), CancellationToken.None)).EnsureSuccess();
}
