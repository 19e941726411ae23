using System.Text.Json;
using System.Text.Json.Nodes;

using Fanout.Simulation.Anthropic;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>A new user's first hour, through the real CLI: init, the demo's way out, plan discovery, help, completion, --json.</summary>
public sealed class FirstHourTests : IDisposable
{
    private const string Usage = "## Usage\n\nnpm test\n";
    private readonly TempDirectory _state = new("claude-state");

    public void Dispose() => _state.Dispose();

    [ClaudeCliFact]
    public async Task Init_writes_a_plan_for_an_npm_project_that_the_real_claude_code_cli_runs_to_success()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string>
        {
            ["README.md"] = "# shop\n",
            ["package.json"] = """{"name": "shop", "version": "1.0.0", "scripts": {"test": "node test.js"}}""",
            ["package-lock.json"] = """{"name": "shop", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {"": {"name": "shop", "version": "1.0.0"}}}""",
            ["test.js"] = "const fs = require('fs'); if (!fs.readFileSync('README.md', 'utf8').includes('## Usage')) { console.error('README.md has no Usage section'); process.exit(1); }\n",
            [".gitignore"] = "node_modules\n.env\n",
        });
        repository.Write(".env", "API_KEY=local\n");

        var init = await FanoutCli.RunAsync(repository.Path, "init");

        init.ExitCode.ShouldBe(0, init.StandardError);
        init.StandardOutput.ShouldContain("npm project: setup npm ci, test npm test");
        var plan = File.ReadAllText(Path.Combine(repository.Path, "fanout.yaml"));
        plan.ShouldContain("agent: claude");
        plan.ShouldContain("setup: \"npm ci\"");
        plan.ShouldContain("test: \"npm test\"");
        plan.ShouldContain("include: [\".env\"]");
        var check = await FanoutCli.RunAsync(repository.Path, "plan", "check");
        check.ExitCode.ShouldBe(0, check.StandardError);

        // init's plan as written, with its first task only: the scripted model answers one conversation.
        File.WriteAllText(Path.Combine(repository.Path, "fanout.yaml"), plan[..plan.IndexOf("\n  # dependsOn:", StringComparison.Ordinal)] + "\n");
        using var model = ScriptedAnthropicServer.Start(
            [ModelBlock.Call("Read", cwd => new JsonObject { ["file_path"] = cwd + "/README.md" })],
            [ModelBlock.Call("Write", cwd => new JsonObject { ["file_path"] = cwd + "/README.md", ["content"] = "# shop\n\n" + Usage })],
            [ModelBlock.Say("README.md has a Usage section.")]);
        var environment = ClaudeCli.OfflineEnvironment(model.BaseUrl, _state.Path).ToDictionary(p => p.Key, p => (string?)p.Value);

        var run = await FanoutCli.RunAsync(repository.Path, environment, "run", "--plain");

        run.ExitCode.ShouldBe(0, run.StandardOutput + run.StandardError);
        model.Prompts[0].ShouldContain("section to README.md that shows how to build, test and", customMessage: "the prompt reached Claude Code on stdin, from inside its worktree");
        var status = JsonDocument.Parse((await FanoutCli.RunAsync(repository.Path, "status", "--json")).StandardOutput).RootElement;
        var task = status.GetProperty("tasks")[0];
        task.GetProperty("state").GetString().ShouldBe("succeeded");
        var worktree = task.GetProperty("worktree").GetString()!;
        File.ReadAllText(Path.Combine(worktree, "README.md")).ShouldContain(Usage);
        File.Exists(Path.Combine(worktree, ".env")).ShouldBeTrue("include: copied the ignored local file");
    }

    [Theory]
    [InlineData("codex")]
    [InlineData("gemini")]
    [InlineData("aider")]
    public async Task Init_with_another_preset_writes_a_plan_that_checks(string agent)
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["app.csproj"] = "<Project />\n" });

        var init = await FanoutCli.RunAsync(repository.Path, "init", "--agent", agent);
        var check = await FanoutCli.RunAsync(repository.Path, "plan", "check", "--json");

        init.ExitCode.ShouldBe(0, init.StandardError);
        check.ExitCode.ShouldBe(0, check.StandardError);
        var plan = JsonDocument.Parse(check.StandardOutput).RootElement.GetProperty("plan");
        (plan.GetProperty("agent").GetString(), plan.GetProperty("setup").GetString(), plan.GetProperty("test").GetString()).ShouldBe((agent, "dotnet restore", "dotnet test --no-restore"));
    }

    [Fact]
    public async Task The_demos_last_line_gives_commands_that_work_where_the_user_is()
    {
        using var folder = new TempDirectory();
        var dir = folder.Combine("demo");
        var launcher = folder.Write("checkout/fanout", $"#!/bin/sh\nexec '{Processes.ProgramLocator.Find("dotnet")}' '{FanoutCli.Dll}' \"$@\"\n");
        (await Processes.ProcessRunner.Instance.RunAsync(new Processes.ProcessSpec("chmod", ["+x", launcher]), CancellationToken.None)).EnsureSuccess();

        var demo = await FanoutCli.RunAsync(folder.Path, new Dictionary<string, string?> { ["FANOUT_LAUNCHER"] = launcher, ["PATH"] = "/usr/bin:/bin" }, "demo", "--dir", dir);

        demo.ExitCode.ShouldBe(0, demo.StandardError);
        var line = demo.StandardOutput.Split('\n').Single(l => l.StartsWith("Look around: ", StringComparison.Ordinal));
        line.ShouldBe($"Look around: cd {dir} && {launcher} status && {launcher} issues list && git branch --list 'fanout/*' && {launcher} logs slugify");
        demo.StandardOutput.ShouldContain($"export PATH=\"{Path.GetDirectoryName(launcher)}:$PATH\"");
        var shell = await Processes.ProcessRunner.Instance.RunAsync(new Processes.ProcessSpec("sh", ["-c", line["Look around: ".Length..]]) { WorkingDirectory = folder.Path }, CancellationToken.None);
        shell.ExitCode.ShouldBe(0, shell.StandardError);
        shell.StandardOutput.ShouldContain("slugify");
    }

    [Fact]
    public async Task Doctor_in_the_demo_folder_checks_the_demos_own_plan_and_finds_its_agent()
    {
        using var folder = new TempDirectory();
        var dir = folder.Combine("demo");
        (await FanoutCli.RunAsync(folder.Path, "demo", "--dir", dir)).ExitCode.ShouldBe(0);

        var doctor = await FanoutCli.RunAsync(dir, "doctor", "--json");

        doctor.ExitCode.ShouldBe(0, doctor.StandardOutput);
        var json = JsonDocument.Parse(doctor.StandardOutput).RootElement;
        json.GetProperty("plan").GetProperty("file").GetString().ShouldBe("fanout.yaml");
        json.GetProperty("missing").GetInt32().ShouldBe(0);
        var issues = JsonDocument.Parse((await FanoutCli.RunAsync(dir, "issues", "list", "--json")).StandardOutput).RootElement;
        issues.GetProperty("issues").GetArrayLength().ShouldBe(5);
        var clean = await FanoutCli.RunAsync(dir, "clean", "--json");
        JsonDocument.Parse(clean.StandardOutput).RootElement.GetProperty("tasks").GetArrayLength().ShouldBeGreaterThanOrEqualTo(5);
        var gc = await FanoutCli.RunAsync(dir, "gc", "--json");
        JsonDocument.Parse(gc.StandardOutput).RootElement.GetProperty("removed").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        var pool = await FanoutCli.RunAsync(dir, "pool", "status", "--json");
        JsonDocument.Parse(pool.StandardOutput).RootElement.GetProperty("worktrees").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Run_and_plan_check_find_the_contextune_plan_without_a_plan_argument()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write(".parallel/plans/plan.yaml", "metadata:\n  name: ctx\ntasks:\n  - id: task-0\n    file: tasks/task-0.md\n");
        repository.Write(".parallel/plans/tasks/task-0.md", "---\nid: task-0\nstatus: pending\n---\n# Do it\n\nDo the thing.\n");

        var check = await FanoutCli.RunAsync(repository.Path, "plan", "check");
        var folder = await FanoutCli.RunAsync(repository.Path, "plan", "check", ".parallel/plans");
        // The dry run's preflight looks for the default agent's program: a stand-in claude on PATH.
        using var bin = new TempDirectory();
        File.WriteAllText(bin.Combine("claude"), "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bin.Combine("claude"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = new Dictionary<string, string?> { ["PATH"] = $"{bin.Path}:{Environment.GetEnvironmentVariable("PATH")}" };
        var dryRun = await FanoutCli.RunAsync(repository.Path, path, "run", "--dry-run");

        check.ExitCode.ShouldBe(0, check.StandardError);
        check.StandardOutput.ShouldContain("Plan ctx: 1 tasks, contextune format");
        folder.ExitCode.ShouldBe(0, folder.StandardError);
        dryRun.ExitCode.ShouldBe(0, dryRun.StandardError);
    }

    [Theory]
    [InlineData(new[] { "staus" }, "did you mean 'status'?")]
    [InlineData(new[] { "run", "--max-paralel", "2" }, "did you mean '--max-parallel'?")]
    [InlineData(new[] { "plan", "chek" }, "did you mean 'check'?")]
    public async Task A_misspelt_command_or_flag_gets_a_did_you_mean(string[] arguments, string hint)
    {
        using var folder = new TempDirectory();

        var result = await FanoutCli.RunAsync(folder.Path, arguments);

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldContain(hint);
        result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).First().ShouldStartWith("fanout: ");
    }

    [Fact]
    public async Task Help_of_a_command_is_its_dash_dash_help()
    {
        var help = await FanoutCli.RunAsync(Path.GetTempPath(), "help", "plan", "check");
        var same = await FanoutCli.RunAsync(Path.GetTempPath(), "plan", "check", "--help");
        var wrong = await FanoutCli.RunAsync(Path.GetTempPath(), "help", "stauts");

        help.ExitCode.ShouldBe(0);
        help.StandardOutput.ShouldBe(same.StandardOutput);
        help.StandardOutput.ShouldContain("Usage:");
        wrong.ExitCode.ShouldBe(2);
        wrong.StandardError.ShouldContain("did you mean 'status'?");
    }

    [Fact]
    public async Task The_bash_completion_script_completes_commands_subcommands_and_flags()
    {
        using var folder = new TempDirectory();
        var script = await FanoutCli.RunAsync(folder.Path, "completion", "bash");
        script.ExitCode.ShouldBe(0);
        var file = folder.Write("fanout.bash", script.StandardOutput);

        string Complete(string line) => Bash(file, line);

        Complete("fanout sta").Split(' ').ShouldContain("status");
        Complete("fanout plan ").ShouldBe("check");
        Complete("fanout run --max").ShouldBe("--max-parallel");
        (await FanoutCli.RunAsync(folder.Path, "completion", "fish")).StandardOutput.ShouldContain("complete -c fanout");
        (await FanoutCli.RunAsync(folder.Path, "completion", "zsh")).StandardOutput.ShouldContain("bashcompinit");
    }

    // Sources the script and asks its completion function what it offers for the line.
    private static string Bash(string script, string line)
    {
        var words = line.Split(' ');
        var program = $"source '{script}'; COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))}); COMP_CWORD={words.Length - 1}; _fanout; echo \"${{COMPREPLY[*]}}\"";
        var result = Processes.ProcessRunner.Instance.RunAsync(new Processes.ProcessSpec("bash", ["-c", program]), CancellationToken.None).GetAwaiter().GetResult();
        return result.EnsureSuccess().StandardOutput.Trim();
    }
}
