using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>Which secrets an agent inherits: a preset its own vendor's keys, any agent what the plan passes on purpose, nothing else.</summary>
public sealed class AgentEnvironmentTests
{
    private const string AnthropicKey = "sk-ant-api03-OnlyClaudeGetsThis0123456789abcdef";
    private const string OpenAiKey = "planted-openai-key-value";
    private const string EnterpriseToken = "planted-enterprise-token";
    private const string GitHubToken = "planted-github-token-value";

    [Fact]
    public async Task A_preset_gets_its_vendors_keys_other_agents_only_what_the_plan_passes()
    {
        using var repository = await GitRepository.CreateAsync();
        var bin = Path.Combine(repository.Parent, "bin");
        WriteProgram(Path.Combine(bin, "claude"), "#!/bin/sh\nenv > \"$FANOUT_LOG_FILE.env\"\necho done > done.txt\n");
        repository.Write("fanout.yaml", """
            agent: claude
            agents:
              script: {command: [sh, -c, 'env > "$FANOUT_LOG_FILE.env"; echo done > done.txt']}
              passing:
                command: [sh, -c, 'env > "$FANOUT_LOG_FILE.env"; echo done > done.txt']
                passEnv: [OPENAI_API_KEY]
                passTrackerToken: true
            tasks:
              - id: preset
                prompt: Do it.
              - id: script
                prompt: Do it.
                agent: script
              - id: passing
                prompt: Do it.
                agent: passing
            """);
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{bin}:/usr/bin:/bin",
            ["ANTHROPIC_API_KEY"] = AnthropicKey,
            ["OPENAI_API_KEY"] = OpenAiKey,
            ["GH_ENTERPRISE_TOKEN"] = EnterpriseToken,
            ["GITHUB_TOKEN"] = GitHubToken,
        };

        var run = await FanoutCli.RunAsync(repository.Path, environment, "run", "fanout.yaml");

        run.ExitCode.ShouldBe(0, run.StandardError);
        var preset = await EnvironmentOfAsync(repository, "preset");
        preset.ShouldContain($"ANTHROPIC_API_KEY={AnthropicKey}");
        preset.ShouldNotContain(OpenAiKey);
        preset.ShouldNotContain(EnterpriseToken);
        preset.ShouldNotContain(GitHubToken);

        var script = await EnvironmentOfAsync(repository, "script");
        foreach (var secret in new[] { AnthropicKey, OpenAiKey, EnterpriseToken, GitHubToken })
        {
            script.ShouldNotContain(secret);
        }

        var passing = await EnvironmentOfAsync(repository, "passing");
        passing.ShouldContain($"OPENAI_API_KEY={OpenAiKey}");
        passing.ShouldContain($"GH_ENTERPRISE_TOKEN={EnterpriseToken}");
        passing.ShouldContain($"GITHUB_TOKEN={GitHubToken}");
        passing.ShouldNotContain(AnthropicKey);
    }

    private static async Task<string> EnvironmentOfAsync(GitRepository repository, string task)
    {
        var runs = Path.Combine(repository.Path, ".git", "fanout", "runs");
        var file = Directory.EnumerateFiles(runs, task + ".log.env", SearchOption.AllDirectories).ShouldHaveSingleItem();
        return await File.ReadAllTextAsync(file);
    }

    private static void WriteProgram(string path, string script)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
