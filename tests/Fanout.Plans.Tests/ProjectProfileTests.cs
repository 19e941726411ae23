using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>What <c>fanout init</c> reads from a project to write its setup and test commands.</summary>
public sealed class ProjectProfileTests : IDisposable
{
    private readonly TempDirectory _project = new("fanout-project");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void An_npm_project_with_a_lock_file_and_a_test_script_gets_npm_ci_and_npm_test()
    {
        _project.Write("package.json", """{"name": "x", "scripts": {"test": "node test.js"}}""");
        _project.Write("package-lock.json", "{}");
        _project.Write(".env", "KEY=1");

        var profile = ProjectProfile.Detect(_project.Path);

        (profile.Kind, profile.Setup, profile.Test).ShouldBe(("npm", "npm ci", "npm test"));
        profile.Include.ShouldBe([".env"]);
    }

    [Theory]
    [InlineData("yarn.lock", "yarn install --frozen-lockfile", "yarn test")]
    [InlineData("pnpm-lock.yaml", "pnpm install --frozen-lockfile", "pnpm test")]
    [InlineData(null, "npm install", "npm test")]
    public void The_lock_file_chooses_the_package_manager(string? lockFile, string setup, string test)
    {
        _project.Write("package.json", """{"scripts": {"test": "jest"}}""");
        if (lockFile is not null)
        {
            _project.Write(lockFile, string.Empty);
        }

        var profile = ProjectProfile.Detect(_project.Path);

        (profile.Setup, profile.Test).ShouldBe((setup, test));
    }

    [Fact]
    public void The_test_script_npm_init_writes_is_no_test()
    {
        _project.Write("package.json", """{"scripts": {"test": "echo \"Error: no test specified\" && exit 1"}}""");

        ProjectProfile.Detect(_project.Path).Test.ShouldBeNull();
    }

    [Theory]
    [InlineData("app.slnx", "dotnet", "dotnet restore", "dotnet test --no-restore")]
    [InlineData("app.sln", "dotnet", "dotnet restore", "dotnet test --no-restore")]
    [InlineData("app.csproj", "dotnet", "dotnet restore", "dotnet test --no-restore")]
    [InlineData("pyproject.toml", "python", "python3 -m venv .venv && .venv/bin/pip install --quiet -e . pytest", ".venv/bin/python -m pytest")]
    [InlineData("requirements.txt", "python", "python3 -m venv .venv && .venv/bin/pip install --quiet -r requirements.txt pytest", ".venv/bin/python -m pytest")]
    [InlineData("Cargo.toml", "cargo", "cargo fetch", "cargo test")]
    [InlineData("go.mod", "go", "go mod download", "go test ./...")]
    public void Each_build_system_gets_its_own_commands(string file, string kind, string setup, string test)
    {
        _project.Write(file, string.Empty);

        var profile = ProjectProfile.Detect(_project.Path);

        (profile.Kind, profile.Setup, profile.Test).ShouldBe((kind, setup, test));
        profile.Include.ShouldBeEmpty();
    }

    [Fact]
    public void A_makefile_with_a_test_target_gets_make_test_and_no_setup()
    {
        _project.Write("Makefile", "build:\n\tcc x.c\n\ntest: build\n\t./run-tests\n");

        var profile = ProjectProfile.Detect(_project.Path);

        (profile.Kind, profile.Setup, profile.Test).ShouldBe(("make", null, "make test"));
    }

    [Fact]
    public void An_unknown_project_gets_no_commands_and_a_plan_that_still_loads()
    {
        var profile = ProjectProfile.Detect(_project.Path);

        profile.Kind.ShouldBe("unknown");
        var text = StarterPlan.Render("x", "main", profile);
        text.ShouldContain("# setup: npm ci");
        _project.LoadPlan(text).Setup.ShouldBeNull();
    }
}
