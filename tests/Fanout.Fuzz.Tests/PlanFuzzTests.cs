using CsCheck;

using Fanout.Plans;
using Fanout.TestSupport;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Fuzz.Tests;

/// <summary>The plan readers (fanout.yaml, Contextune plan.yaml and task files, ccpm front matter) on generated and mutated text.</summary>
[Collection(Fuzzing.Collection)]
public sealed class PlanFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly FuzzRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Generated_fanout_plans_are_loaded_or_refused_and_nothing_else()
    {
        Fuzzing.Run(output, "fanout.yaml generated", 0.18, PlanTexts.FanoutYaml, text => PlanLoader.Load(_repository.Plan(text)), print: Fuzzing.Print);
    }

    [Fact]
    public void Mutated_fanout_plans_are_loaded_or_refused_and_nothing_else()
    {
        Fuzzing.Run(output, "fanout.yaml mutated", 0.18, Mutations.Of(Seeds.FanoutPlans), text => PlanLoader.Load(_repository.Plan(text)), print: Fuzzing.Print);
    }

    [Fact]
    public void Mutated_contextune_plans_and_task_files_are_loaded_or_refused_and_nothing_else()
    {
        var gen = Gen.Select(Mutations.Of(Seeds.ContextunePlans, 4), Gen.OneOf(PlanTexts.FrontMatterFile, Mutations.Of(Seeds.TaskFiles, 4)));
        Fuzzing.Run(output, "contextune", 0.12, gen, input => PlanLoader.Load(_repository.Contextune(input.Item1, input.Item2)), print: i => Fuzzing.Print(i.Item1 + "\n=====\n" + i.Item2));
    }

    [Fact]
    public void Mutated_ccpm_front_matter_is_loaded_or_refused_and_nothing_else()
    {
        var gen = Gen.Select(Gen.OneOf(PlanTexts.FrontMatterFile, Mutations.Of(Seeds.TaskFiles, 4)), Gen.OneOf(PlanTexts.FrontMatterFile, Mutations.Of(Seeds.TaskFiles, 4)));
        Fuzzing.Run(output, "ccpm", 0.12, gen, input => PlanLoader.Load(_repository.Ccpm(input.Item1, input.Item2)), print: i => Fuzzing.Print(i.Item1 + "\n=====\n" + i.Item2));
    }
}

/// <summary>A repository folder (a <c>.git</c> folder marks its top) with a prompt file, a link out and a secret beside it, rewritten for each input.</summary>
internal sealed class FuzzRepository : IDisposable
{
    private readonly TempDirectory _root = new("fanout-fuzz");

    public FuzzRepository()
    {
        Directory.CreateDirectory(_root.Combine("repo", ".git"));
        _root.Write("outside/secret.md", "root:x:0:0\n");
        _root.Write("repo/tasks/ok.md", "Do the thing.\n");
        File.CreateSymbolicLink(_root.Combine("repo", "link.md"), _root.Combine("outside", "secret.md"));
    }

    /// <summary>Text as a file would hold it: a lone surrogate becomes U+FFFD, as any editor would write it.</summary>
    private static readonly System.Text.UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public string Plan(string text) => Write("repo/fanout.yaml", text);

    public string Contextune(string plan, string task)
    {
        Write("repo/.parallel/plans/tasks/task-0.md", task);
        Write("repo/.parallel/plans/tasks/task-1.md", "---\nid: task-1\n---\nSecond.\n");
        return Write("repo/.parallel/plans/plan.yaml", plan);
    }

    public string Ccpm(string first, string second)
    {
        Write("repo/.claude/epics/e/epic.md", "---\nname: e\nstatus: open\n---\nThe epic.\n");
        Write("repo/.claude/epics/e/001.md", first);
        Write("repo/.claude/epics/e/002.md", second);
        return _root.Combine("repo", ".claude", "epics", "e");
    }

    private string Write(string relative, string text)
    {
        var path = _root.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Lenient.GetBytes(text));
        return path;
    }

    public void Dispose() => _root.Dispose();
}
