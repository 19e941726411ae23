using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class ConflictsAndMergeKeyTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_conflictsWith_and_the_merge_test_mode()
    {
        var plan = _folder.LoadPlan("merge: {test: each}\ntasks:\n  - id: a\n    prompt: A\n    conflictsWith: [b]\n  - id: b\n    prompt: B\n");

        plan.Task("a").ConflictsWith.ShouldBe(["b"]);
        plan.Task("b").ConflictsWith.ShouldBeEmpty();
        plan.Tasks.ShouldAllBe(t => t.Parallel);
        plan.MergeTest.ShouldBe(MergeTestMode.Each);
        _folder.LoadPlan("tasks:\n  - id: a\n    prompt: A\n").MergeTest.ShouldBeNull();
    }

    [Fact]
    public void Reports_unknown_and_self_conflicts_at_their_entries()
    {
        var errors = _folder.LoadErrors("tasks:\n  - id: api\n    prompt: A\n    conflictsWith: [apj, api]\n");

        errors.Count.ShouldBe(2, string.Join('\n', errors));
        errors[0].ShouldBeAt(4, 21, "unknown task 'apj' in the conflicts of task 'api'; did you mean 'api'?");
        errors[1].ShouldBeAt(4, 26, "task 'api' conflicts with itself; remove 'api' from its conflicts");
    }

    [Fact]
    public void Reports_an_unknown_merge_test_mode_and_an_unknown_merge_key()
    {
        _folder.LoadErrors("merge:\n  test: sometimes\ntasks:\n  - id: a\n    prompt: A\n").ShouldBeSingle(
            2, 9, "unknown merge test mode 'sometimes'; use once (test after all merges) or each (test after every merge)");
        _folder.LoadErrors("merge:\n  tset: once\ntasks:\n  - id: a\n    prompt: A\n").ShouldHaveSingleItem().Message.ShouldStartWith("unknown key 'tset' in 'merge'");
    }
}
