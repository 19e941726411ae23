using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class PoolAndSparsePlanTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("auto", PoolMode.Auto)]
    [InlineData("off", PoolMode.Off)]
    public void Reads_what_the_plan_asks_of_the_pool(string value, PoolMode mode)
    {
        var plan = _folder.LoadPlan($"""
            pool: {value}
            tasks:
              - id: a
                prompt: Do a.
            """);

        plan.Pool.ShouldBe(mode);
    }

    [Fact]
    public void A_plan_without_pool_claims_as_runs_always_did()
    {
        _folder.LoadPlan("""
            tasks:
              - id: a
                prompt: Do a.
            """).Pool.ShouldBe(PoolMode.Default);
    }

    [Fact]
    public void Refuses_a_pool_setting_it_does_not_know_at_its_position()
    {
        var error = _folder.LoadErrors("""
            name: p
            pool: warm
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldHaveSingleItem();

        (error.Position!.Line, error.Position!.Column).ShouldBe((2, 7));
        error.Message.ShouldBe("pool must be auto (keep a warm pool the size of the last run) or off (always add worktrees fresh), not 'warm'");
    }

    [Fact]
    public void A_sparse_list_gives_every_task_its_folders_and_the_folders_of_its_own_files()
    {
        var plan = _folder.LoadPlan("""
            sparse: [src/shared, ./docs/]
            tasks:
              - id: api
                prompt: Do the API.
                files: [src/api/client.ts, src/api/routes.ts, README.md]
              - id: other
                prompt: Do the rest.
            """);

        plan.SettingsOf(plan.Task("api")).Sparse.ShouldBe(["src/shared", "docs", "src/api"]);
        plan.SettingsOf(plan.Task("other")).Sparse.ShouldBe(["src/shared", "docs"]);
    }

    [Fact]
    public void Sparse_files_makes_only_tasks_with_file_hints_sparse()
    {
        var plan = _folder.LoadPlan("""
            sparse: files
            tasks:
              - id: api
                prompt: Do the API.
                files: [src/api/client.ts]
              - id: top
                prompt: Edit the readme.
                files: [README.md]
              - id: whole
                prompt: Do anything.
            """);

        plan.SettingsOf(plan.Task("api")).Sparse.ShouldBe(["src/api"]);
        plan.SettingsOf(plan.Task("top")).Sparse.ShouldBe([]);
        plan.SettingsOf(plan.Task("whole")).Sparse.ShouldBeNull();
    }

    [Fact]
    public void Without_sparse_every_worktree_is_whole_whatever_the_file_hints()
    {
        var plan = _folder.LoadPlan("""
            tasks:
              - id: api
                prompt: Do the API.
                files: [src/api/client.ts]
            """);

        plan.SettingsOf(plan.Task("api")).Sparse.ShouldBeNull();
    }

    [Theory]
    [InlineData("sparse: [../outside]", 1, 10, "sparse folder '../outside' must be a folder inside the repository, relative to its top (such as src/api)")]
    [InlineData("sparse: [/etc]", 1, 10, "sparse folder '/etc' must be a folder inside the repository, relative to its top (such as src/api)")]
    [InlineData("sparse: [src, .]", 1, 15, "sparse folder '.' names the whole repository; leave 'sparse:' out for a full checkout")]
    [InlineData("sparse: everything", 1, 9, "sparse must be a list of folders (sparse: [src/api, docs]) or 'files' (each task's own files: hints), not 'everything'")]
    public void Refuses_sparse_folders_outside_the_repository_at_their_position(string line, int row, int column, string message)
    {
        var error = _folder.LoadErrors($"""
            {line}
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldHaveSingleItem();

        (error.Position!.Line, error.Position!.Column).ShouldBe((row, column));
        error.Message.ShouldBe(message);
    }
}
