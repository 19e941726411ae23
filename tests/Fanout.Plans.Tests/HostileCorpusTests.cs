using Fanout.Core;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Plans.Tests;

/// <summary>
/// The plans under <c>Hostile/</c>, each loaded as the <c>fanout.yaml</c> of a repository that has a
/// secret beside it: each is refused with a position and the reason, or loads with task ids that git
/// accepts in branch names. A comment line <c># link: NAME -> TARGET</c> asks for a symbolic link.
/// </summary>
public sealed class HostileCorpusTests(ITestOutputHelper output)
{
    /// <summary>Each case, and what loading it must say: null means it loads.</summary>
    public static TheoryData<string, string?> Cases { get; } = new()
    {
        { "traversal", "prompt file '../../../../../../../../etc/passwd' of task 'passwd' is outside the repository" },
        { "absolute-path", "prompt file '/etc/passwd' of task 'passwd' is outside the repository" },
        { "symlink-out", "prompt file 'notes.md' of task 'notes' leads through a symbolic link to " },
        { "symlink-folder-out", "prompt file 'docs/secret.md' of task 'docs' leads through a symbolic link to " },
        { "include-traversal", "include pattern '../outside/*.md' climbs out with '..'" },
        { "include-absolute", "include pattern '/root/.ssh/*' is an absolute path" },
        { "include-through-link", "include pattern 'config/*.md' leads through a symbolic link to " },
        { "files-hint-out", "file '../../etc/shadow' in 'files' of task 'a' is outside the repository" },
        { "script-out", "'../outside/setup.sh' in 'setup' is outside the repository" },
        { "shell-in-id", "task id 'x; rm -rf ~' contains ';'" },
        { "command-substitution-in-id", "task id '$(whoami)' must start with a letter or digit" },
        { "shell-in-title-and-prompt", null },
        { "alias-bomb", "the YAML holds more than 100000 values, counting what its aliases repeat" },
        { "alias-bomb-as-key", "the YAML holds more than 100000 values, counting what its aliases repeat" },
        { "alias-loop", "alias *n is inside the node it names" },
        { "deep-nesting", "the YAML nests deeper than 64 levels" },
        { "huge-id", "is 5000 characters long; use at most 64" },
        { "huge-title", "title of task 'a' is 1000 characters long; use at most 256" },
        { "cycle", "dependency cycle" },
        { "self-dependency", "task 'a' depends on itself" },
        { "duplicate-ids", "duplicate task id 'a'" },
        { "bom-and-crlf", null },
        { "tabs", "YAML syntax error" },
        { "wrong-types", "'tasks' must be a list of tasks" },
        { "wrong-value-types", "'maxParallel' must be a single value, not a list" },
        { "unknown-keys", "unknown key 'promt' in task" },
        { "control-characters-in-title", "title of task 'a' contains U+001B" },
        { "lookalike-id", "task id 'a?b' contains U+202E" },
        { "git-unsafe-id", "task id 'main.lock' must not end in '.lock'" },
        { "nul-in-path", "contains a NUL character" },
        { "numbers-out-of-range", "maxParallel must be a whole number from 1 to 1000, not '99999999999'" },
        { "empty-program", "'command' of agent 'nothing' starts with an empty program" },
        { "yaml-tags", "'prompt' of task 'a' must be a single value, not a list" },
        { "merge-key", "unknown key '<<' in task" },
        { "merge-keys-run-together", "YAML syntax error: alias *a" },
        { "alias-keys-before-their-anchor", "comes before any anchor &a" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_plan_is_refused_with_a_position_or_loads_with_names_git_accepts(string name, string? refusal)
    {
        using var root = new TempDirectory("fanout-hostile");
        var plan = Place(name, root);

        Plan? loaded = null;
        var problems = Record.Exception(() => loaded = PlanLoader.Load(plan)) switch
        {
            null => [],
            UserInputException refused => refused.Problems,
            var other => throw new ShouldAssertException($"{name}: {other.GetType().Name} instead of a refusal: {other}"),
        };

        output.WriteLine($"| {name} | {(loaded is null ? "refused: " + problems[0] : $"loads: {loaded.Tasks.Count} task(s)")} |");
        if (refusal is null)
        {
            problems.ShouldBeEmpty();
            foreach (var task in loaded!.Tasks)
            {
                (await GitAcceptsAsync($"refs/heads/fanout/r1abc/{task.Id}")).ShouldBeTrue(task.Id);
            }

            return;
        }

        problems.ShouldNotBeEmpty();
        problems.ShouldAllBe(p => p.Position != null && p.Position.Line >= 1 && p.Position.Column >= 1);
        problems.ShouldContain(p => p.Message.Contains(refusal, StringComparison.Ordinal), string.Join('\n', problems));
        problems.ShouldAllBe(p => !p.ToString().Contains("root:x:0:0", StringComparison.Ordinal));
        problems.Sum(p => p.ToString().Length).ShouldBeLessThan(20_000, "a refusal is a few lines, not the input echoed back");
    }

    [Fact]
    public void Every_file_in_the_corpus_has_an_expected_outcome()
    {
        var files = Directory.EnumerateFiles(Corpus, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

        files.ShouldBe(Cases.Select(c => (string)c[0]).Order(StringComparer.Ordinal));
    }

    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "Hostile");

    /// <summary>The case as repo/fanout.yaml (bytes as they are: a BOM or CRLF is the case), a secret in outside/, and the links it asks for.</summary>
    internal static string Place(string name, TempDirectory root)
    {
        var source = Path.Combine(Corpus, name + ".yaml");
        var repository = Directory.CreateDirectory(root.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        root.Write("outside/secret.md", "root:x:0:0:root:/root:/bin/bash\n");
        root.Write("outside/setup.sh", "#!/bin/sh\n");
        foreach (var line in File.ReadLines(source).Where(l => l.StartsWith("# link: ", StringComparison.Ordinal)))
        {
            var parts = line["# link: ".Length..].Split(" -> ");
            File.CreateSymbolicLink(Path.Combine(repository, parts[0]), parts[1]);
        }

        var plan = Path.Combine(repository, "fanout.yaml");
        File.Copy(source, plan);
        return plan;
    }

    private static async Task<bool> GitAcceptsAsync(string reference) =>
        (await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["check-ref-format", reference]), CancellationToken.None)).ExitCode == 0;
}
