using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_creates_a_sample_repository_and_runs_its_five_tasks_to_success_through_the_real_cli()
    {
        using var folder = new TempDirectory();
        var dir = folder.Combine("demo");

        var demo = await FanoutCli.RunAsync(folder.Path, "demo", "--dir", dir);

        demo.ExitCode.ShouldBe(0, demo.StandardError + demo.StandardOutput);
        demo.StandardOutput.ShouldContain("5/5 tasks succeeded");
        var status = await FanoutCli.RunAsync(dir, "status", "--json");
        status.ExitCode.ShouldBe(0, status.StandardError);
        using var json = JsonDocument.Parse(status.StandardOutput);
        var run = json.RootElement.GetProperty("run");
        run.GetProperty("state").GetString().ShouldBe("succeeded");
        run.GetProperty("counts").GetProperty("succeeded").GetInt32().ShouldBe(5);
        var tasks = json.RootElement.GetProperty("tasks").EnumerateArray().ToArray();
        tasks.Select(t => t.GetProperty("id").GetString()).ShouldBe(["lower", "reverse", "words", "title", "slugify"], ignoreOrder: true);
        foreach (var task in tasks)
        {
            var branch = task.GetProperty("branch").GetString()!;
            var test = await RunAsync(task.GetProperty("worktree").GetString()!, "sh", "tests/run.sh");
            test.ShouldContain("0 failed");
            (await RunAsync(dir, "git", "log", "-1", "--format=%s", branch)).ShouldStartWith(task.GetProperty("id").GetString() + ":");
        }

        (await RunAsync(dir, "git", "status", "--porcelain")).ShouldBeEmpty("the user's checkout is never touched");
    }

    [Fact]
    public async Task The_demo_refuses_a_folder_that_is_not_empty_and_touches_nothing_in_it()
    {
        using var folder = new TempDirectory();
        folder.Write("keep/notes.txt", "mine");

        var demo = await FanoutCli.RunAsync(folder.Path, "demo", "--dir", folder.Combine("keep"));

        demo.ExitCode.ShouldBe(2);
        demo.StandardError.ShouldContain("is not empty");
        Directory.EnumerateFileSystemEntries(folder.Combine("keep")).ShouldHaveSingleItem();
    }

    private static async Task<string> RunAsync(string directory, string program, params string[] arguments)
    {
        var result = await Processes.ProcessRunner.Instance.RunAsync(new Processes.ProcessSpec(program, arguments) { WorkingDirectory = directory }, CancellationToken.None);
        return result.EnsureSuccess().StandardOutput.Trim();
    }
}
