namespace Fanout.Plans;

/// <summary>How a plan is loaded: choices made on the command line rather than in the file.</summary>
public sealed record PlanLoadOptions
{
    /// <summary>Replaces the plan's default agent; checked like the plan's own <c>agent:</c>.</summary>
    public string? AgentOverride { get; init; }

    /// <summary>Agent names a plan may use without defining them under <c>agents:</c>.</summary>
    public IReadOnlySet<string> KnownPresets { get; init; } = BuiltInAgents.Names;

    /// <summary>
    /// The repository every path the plan names must stay inside (<see cref="PlanPaths"/>); null means
    /// the git top folder above the plan, else the plan's own folder.
    /// </summary>
    public string? RepositoryRoot { get; init; }
}
