using Shouldly;

using Xunit;

namespace Fanout.Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md: each project may reference only the projects listed for it.
/// A new project, or a new reference, is a decision to write down here and in the document.
/// </summary>
public sealed class ProjectReferenceTests
{
    /// <summary>What each project in src may reference directly.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Fanout.Core"] = [],
        ["Fanout.Processes"] = [],
        ["Fanout.Storage"] = [],
        ["Fanout.Plans"] = ["Fanout.Core"],
        ["Fanout.Workspaces"] = ["Fanout.Core", "Fanout.Processes"],
        ["Fanout.Journal"] = ["Fanout.Core", "Fanout.Storage"],
        ["Fanout.Trackers"] = ["Fanout.Core", "Fanout.Storage"],
        ["Fanout.Agents"] = ["Fanout.Core", "Fanout.Processes", "Fanout.Plans"],
        ["Fanout.Reporting"] = ["Fanout.Core", "Fanout.Journal"],
        ["Fanout.Storage.Postgres"] = ["Fanout.Core", "Fanout.Journal", "Fanout.Trackers"],
        ["Fanout.Orchestration"] = ["Fanout.Core", "Fanout.Processes", "Fanout.Plans", "Fanout.Journal", "Fanout.Trackers", "Fanout.Workspaces", "Fanout.Agents", "Fanout.Storage.Postgres"],
        ["Fanout.Distributed"] = ["Fanout.Core", "Fanout.Processes", "Fanout.Plans", "Fanout.Journal", "Fanout.Workspaces", "Fanout.Storage.Postgres", "Fanout.Orchestration"],
        ["Fanout.Planning"] = ["Fanout.Core", "Fanout.Processes", "Fanout.Plans", "Fanout.Journal", "Fanout.Orchestration"],
        ["Fanout.Mcp"] = ["Fanout.Core", "Fanout.Plans", "Fanout.Journal", "Fanout.Reporting", "Fanout.Orchestration", "Fanout.Planning"],
        ["Fanout.Cli"] = ["Fanout.Core", "Fanout.Orchestration", "Fanout.Reporting", "Fanout.Planning", "Fanout.Mcp", "Fanout.Distributed"],
        ["Fanout.Simulation"] = ["Fanout.Core"],
        ["Fanout.Bench"] = ["Fanout.Core", "Fanout.Processes", "Fanout.Plans", "Fanout.Workspaces", "Fanout.Trackers", "Fanout.Simulation"],
    };

    /// <summary>Only tests and the bench may use these; the CLI users install never carries them.</summary>
    private static readonly string[] NeverShipped = ["Fanout.Bench", "Fanout.Simulation", "Fanout.TestSupport"];

    private static readonly ProjectGraph Graph = ProjectGraph.Load();

    [Fact]
    public void Every_project_in_src_references_only_the_layers_below_it()
    {
        var sources = Graph.References.Keys.Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Fanout.TestSupport").Order(StringComparer.Ordinal).ToArray();

        sources.ShouldBe(Allowed.Keys.Order(StringComparer.Ordinal).ToArray(), "a project in src/ that is not in the map (or gone from src/): add it to ProjectReferenceTests and docs/architecture.md");
        var violations = sources
            .SelectMany(project => Graph.References[project].Where(reference => !Allowed[project].Contains(reference)).Select(reference => $"{project} -> {reference}"))
            .ToArray();
        violations.ShouldBeEmpty($"references docs/architecture.md does not allow: {string.Join(", ", violations)}");
    }

    [Fact]
    public void The_cli_reaches_neither_the_bench_nor_the_simulated_services_nor_test_support()
    {
        Graph.Reachable("Fanout.Cli").Intersect(NeverShipped).ShouldBeEmpty();
    }

    [Fact]
    public void No_project_in_src_references_a_test_project()
    {
        var violations = Graph.References
            .Where(p => Allowed.ContainsKey(p.Key))
            .SelectMany(p => p.Value.Where(r => r.EndsWith(".Tests", StringComparison.Ordinal) || r == "Fanout.TestSupport").Select(r => $"{p.Key} -> {r}"))
            .ToArray();
        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Test_support_uses_no_pipeline_library()
    {
        // Shared fakes stay at the edges; a test that needs the pipeline references it itself.
        Graph.References["Fanout.TestSupport"].ShouldAllBe(r => r == "Fanout.Core" || r == "Fanout.Processes" || r == "Fanout.Simulation");
    }

    [Fact]
    public void The_map_itself_has_no_cycle()
    {
        foreach (var project in Allowed.Keys)
        {
            Graph.Reachable(project).ShouldNotContain(project, $"{project} reaches itself");
        }
    }

    [Fact]
    public void Every_project_is_in_the_solution()
    {
        var solution = File.ReadAllText(Path.Combine(Graph.Root, "Fanout.slnx"));
        Graph.References.Keys.Where(name => !solution.Contains($"/{name}.csproj", StringComparison.Ordinal)).ShouldBeEmpty("projects the solution (and so the build and ./test.sh) would miss");
    }
}
