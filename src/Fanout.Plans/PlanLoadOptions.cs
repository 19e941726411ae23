namespace Fanout.Plans;

/// <summary>How a plan is loaded: choices made on the command line rather than in the file.</summary>
public sealed record PlanLoadOptions
{
    /// <summary>Replaces the plan's default agent; checked like the plan's own <c>agent:</c>.</summary>
    public string? AgentOverride { get; init; }

    /// <summary>Agent names a plan may use without defining them under <c>agents:</c>.</summary>
    public IReadOnlySet<string> KnownPresets { get; init; } = BuiltInAgents.Names;
}
