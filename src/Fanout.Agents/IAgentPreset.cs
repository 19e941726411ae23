namespace Fanout.Agents;

/// <summary>How to run one agent CLI non-interactively: its program, its arguments, where the prompt goes, how to read it.</summary>
public interface IAgentPreset
{
    string Name { get; }

    /// <summary>The program looked up on PATH.</summary>
    string Program { get; }

    /// <summary>How to install the program, for doctor and for a run that cannot find it.</summary>
    string InstallHint { get; }

    /// <summary>The arguments after the program, from the invocation and the plan's <c>options:</c>.</summary>
    IReadOnlyList<string> Arguments(AgentInvocation invocation, IReadOnlyDictionary<string, string> options);

    /// <summary>What goes to standard input (the prompt, for CLIs that read it there), or null.</summary>
    string? StandardInput(AgentInvocation invocation);

    /// <summary>A fresh reader for one run's stdout, or null when the CLI prints only text.</summary>
    IAgentOutputReader? CreateReader();

    /// <summary>Variables the CLI needs for this invocation; the plan's own <c>env:</c> wins over them.</summary>
    IReadOnlyDictionary<string, string?> Environment(AgentInvocation invocation) => new Dictionary<string, string?>();

    /// <summary>
    /// The vendor's key variables the CLI cannot work without (of <see cref="Core.SecretVariables.VendorKeys"/>):
    /// the only secrets it inherits unless the plan passes more (<c>passEnv</c>).
    /// </summary>
    IReadOnlyList<string> KeyVariables => [];
}
