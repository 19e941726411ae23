namespace Fanout.Bench;

/// <summary>What <c>fanout bench</c> measures, and on what.</summary>
public sealed record BenchSettings
{
    public const int DefaultRepeat = 3;

    /// <summary>A repository whose committed HEAD is copied and measured; null generates one.</summary>
    public string? Repository { get; init; }

    /// <summary>How many files a generated repository has.</summary>
    public int GenerateFiles { get; init; } = 1000;

    public IReadOnlyList<int> Tasks { get; init; } = [1, 5, 10, 20, 50];

    public IReadOnlyList<BenchStrategy> Strategies { get; init; } = BenchStrategies.All;

    /// <summary>Added to every tracker request, to reproduce a remote tracker's round trip.</summary>
    public TimeSpan IssueLatency { get; init; }

    /// <summary>Use the GitHub tracker, with its pacing rules, against a simulated GitHub on 127.0.0.1.</summary>
    public bool GitHubPacing { get; init; }

    public int Repeat { get; init; } = DefaultRepeat;

    /// <summary>Also time raw concurrent <c>git worktree add</c> for each N, the physical reference.</summary>
    public bool Raw { get; init; } = true;

    /// <summary>Also time the pattern written as a shell script (<see cref="ScriptTrial"/>): <c>--strategies ...,script</c>.</summary>
    public bool Script { get; init; }
}
