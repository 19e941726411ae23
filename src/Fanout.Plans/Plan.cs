namespace Fanout.Plans;

/// <summary>A validated plan: ids unique, dependencies known and acyclic, agents known, files present.</summary>
public sealed record Plan(string Name, string SourceFile, PlanFormat Format, IReadOnlyList<PlanTask> Tasks)
{
    /// <summary>Branch or commit to start from; null means the repository's current branch.</summary>
    public string? Base { get; init; }

    public string Tracker { get; init; } = "local";

    /// <summary>The <c>github:</c> section, when the plan has one.</summary>
    public GitHubSettings? GitHub { get; init; }

    /// <summary>The default agent's name: a preset or a key of <see cref="Agents"/>.</summary>
    public string Agent { get; init; } = "claude";

    public IReadOnlyDictionary<string, AgentDefinition> Agents { get; init; } = new Dictionary<string, AgentDefinition>();

    public CommandSpec? Setup { get; init; }

    public CommandSpec? Test { get; init; }

    public IReadOnlyList<string> Include { get; init; } = [];

    public int? MaxParallel { get; init; }

    /// <summary>Text put before every task's prompt (project conventions, how to run things).</summary>
    public string? Preamble { get; init; }

    /// <summary>When the merge queue runs the test command on the integration branch; null means the default (once).</summary>
    public MergeTestMode? MergeTest { get; init; }

    /// <summary>How many consecutive ports each task gets (<c>ports: {blockSize: N}</c>); null means the default.</summary>
    public int? PortBlockSize { get; init; }

    /// <summary>Whether a run writes each task's outcome back to a Contextune or ccpm task file (<c>writeBack: false</c> turns it off).</summary>
    public bool WriteBack { get; init; } = true;

    /// <summary>Task ids in an order where every task comes after its dependencies.</summary>
    public IReadOnlyList<string> DependencyOrder { get; init; } = [];

    /// <summary>Every task's effective settings by id, resolved when the plan loaded.</summary>
    public IReadOnlyDictionary<string, TaskSettings> Settings { get; init; } = new Dictionary<string, TaskSettings>();

    public PlanTask Task(string id) => Tasks.First(t => t.Id == id);

    /// <summary>The task's effective settings (<see cref="TaskSettings"/>), as resolved when the plan loaded.</summary>
    public TaskSettings SettingsOf(PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Settings.TryGetValue(task.Id, out var settings)
            ? settings
            : throw new InvalidOperationException($"the settings of task '{task.Id}' were not resolved; load plans with PlanLoader or call Resolved()");
    }

    /// <summary>This plan with every task's settings resolved; what the loader returns.</summary>
    public Plan Resolved() => this with { Settings = Tasks.DistinctBy(t => t.Id).ToDictionary(t => t.Id, t => TaskSettings.Resolve(this, t), StringComparer.Ordinal) };

    public string AgentOf(PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Agent ?? Agent;
    }
}
