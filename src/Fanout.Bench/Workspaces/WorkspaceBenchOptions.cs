namespace Fanout.Bench.Workspaces;

/// <summary>What <c>fanout bench workspaces</c> measures: N worktrees at once on a generated repository of so many files.</summary>
internal sealed record WorkspaceBenchOptions(int Files, IReadOnlyList<int> Tasks, int Repeat)
{
    /// <summary>Idle seconds before each measurement, so a disk that throttles after bursts starts each one rested.</summary>
    public int Settle { get; init; }
}
