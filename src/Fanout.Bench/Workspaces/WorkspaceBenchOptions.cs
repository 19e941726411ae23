namespace Fanout.Bench.Workspaces;

/// <summary>What <c>fanout bench workspaces</c> measures: N worktrees at once on a generated repository of so many files, or on a copy of one.</summary>
internal sealed record WorkspaceBenchOptions(int Files, IReadOnlyList<int> Tasks, int Repeat)
{
    /// <summary>Idle seconds before each measurement, so a disk that throttles after bursts starts each one rested.</summary>
    public int Settle { get; init; }

    /// <summary>A repository whose committed HEAD is copied and measured instead of a generated one.</summary>
    public string? Repository { get; init; }

    /// <summary>Where to write a per-step trace of one more run of every method per N; null traces nothing.</summary>
    public string? TraceFile { get; init; }
}
