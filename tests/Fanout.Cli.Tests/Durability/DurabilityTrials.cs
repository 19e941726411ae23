using Xunit;

namespace Fanout.Cli.Tests.Durability;

/// <summary>The crash and Ctrl+C trials run one at a time: they measure whole fanout processes, and two at once would starve each other's windows.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DurabilityTrials
{
    public const string Name = "durability";
}
