namespace Fanout.Orchestration.Cleanup;

public enum GcAction
{
    Removed,
    Kept,
}

/// <summary>One thing gc found: what it is, its size, and what gc did about it and why.</summary>
public sealed record GcItem(string Kind, string Path, long Bytes, GcAction Action, string Why);

/// <summary>Everything gc found, and the disk the worktree root, the pool and the dependency cache use now.</summary>
public sealed record GcReport(IReadOnlyList<GcItem> Items, long WorktreeRootBytes, long PoolBytes, long CacheBytes)
{
    public bool KeptAnything => Items.Any(i => i.Action == GcAction.Kept);
}
