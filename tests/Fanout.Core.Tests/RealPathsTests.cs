using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Core.Tests;

/// <summary>Where a path really leads, links followed the way the kernel follows them.</summary>
public sealed class RealPathsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string Repository => _folder.Combine("repo");

    private string Outside => _folder.Combine("outside");

    public RealPathsTests()
    {
        Directory.CreateDirectory(Repository);
        Directory.CreateDirectory(Outside);
        _folder.Write("outside/secret.txt", "secret");
        _folder.Write("repo/notes.md", "notes");
    }

    [Fact]
    public void A_plain_file_inside_is_confined()
    {
        RealPaths.IsConfined(Repository, "notes.md").ShouldBeTrue();
        RealPaths.IsConfined(Repository, Path.Combine(Repository, "docs", "not-yet.md")).ShouldBeTrue();
    }

    [Fact]
    public void Climbing_out_with_dot_dot_or_an_absolute_path_is_not()
    {
        RealPaths.IsConfined(Repository, "../outside/secret.txt").ShouldBeFalse();
        RealPaths.IsConfined(Repository, "docs/../../outside/secret.txt").ShouldBeFalse();
        RealPaths.IsConfined(Repository, Path.Combine(Outside, "secret.txt")).ShouldBeFalse();
    }

    [Fact]
    public void A_sibling_whose_name_starts_like_the_repository_is_outside()
    {
        Directory.CreateDirectory(Repository + "-other");

        RealPaths.IsConfined(Repository, Repository + "-other/x").ShouldBeFalse();
    }

    [Fact]
    public void A_link_to_a_file_outside_leads_outside()
    {
        File.CreateSymbolicLink(Path.Combine(Repository, "prompt.md"), Path.Combine(Outside, "secret.txt"));

        RealPaths.IsConfined(Repository, "prompt.md").ShouldBeFalse();
        RealPaths.Resolve("prompt.md", Repository).ShouldBe(RealPaths.Resolve(Path.Combine(Outside, "secret.txt")));
    }

    [Fact]
    public void A_folder_link_anywhere_on_the_way_leads_outside()
    {
        Directory.CreateSymbolicLink(Path.Combine(Repository, "shared"), Outside);

        RealPaths.IsConfined(Repository, "shared/secret.txt").ShouldBeFalse();
        RealPaths.IsConfined(Repository, "shared/missing/deeper.md").ShouldBeFalse();
    }

    [Fact]
    public void Dot_dot_after_a_link_is_taken_from_where_the_link_leads_as_the_kernel_does()
    {
        Directory.CreateDirectory(Path.Combine(Outside, "deep"));
        Directory.CreateSymbolicLink(Path.Combine(Repository, "up"), Path.Combine(Outside, "deep"));

        // Read lexically this would be repo/secret.txt; a shell goes to outside/secret.txt.
        RealPaths.Resolve("up/../secret.txt", Repository).ShouldBe(RealPaths.Resolve(Path.Combine(Outside, "secret.txt")));
        RealPaths.IsConfined(Repository, "up/../secret.txt").ShouldBeFalse();
        RealPaths.IsConfined(Repository, "up/../notes.md").ShouldBeFalse();
    }

    [Fact]
    public void A_relative_link_that_stays_inside_is_confined()
    {
        Directory.CreateDirectory(Path.Combine(Repository, "docs"));
        File.CreateSymbolicLink(Path.Combine(Repository, "docs", "alias.md"), "../notes.md");

        RealPaths.IsConfined(Repository, "docs/alias.md").ShouldBeTrue();
        RealPaths.Resolve("docs/alias.md", Repository).ShouldBe(RealPaths.Resolve(Path.Combine(Repository, "notes.md")));
    }

    [Fact]
    public void A_loop_of_links_resolves_to_nothing_and_counts_as_outside()
    {
        File.CreateSymbolicLink(Path.Combine(Repository, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(Repository, "b"), "a");

        RealPaths.Resolve("a", Repository).ShouldBeNull();
        RealPaths.IsConfined(Repository, "a").ShouldBeFalse();
    }

    [Fact]
    public void A_repository_reached_through_a_link_still_contains_its_own_files()
    {
        var alias = _folder.Combine("alias");
        Directory.CreateSymbolicLink(alias, Repository);

        RealPaths.IsConfined(alias, Path.Combine(Repository, "notes.md")).ShouldBeTrue();
        RealPaths.IsConfined(Repository, Path.Combine(alias, "notes.md")).ShouldBeTrue();
    }

    public void Dispose() => _folder.Dispose();
}
