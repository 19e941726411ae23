using Fanout.Agents;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

/// <summary>Writes which agents a plan uses, whether each program is there, its version, and how to install it.</summary>
internal static class AgentChecks
{
    public static void Write(TextWriter output, IReadOnlyList<AgentCheck> checks)
    {
        var table = new TextTable("AGENT", "KIND", "PROGRAM", "STATUS", "VERSION / INSTALL");
        foreach (var check in checks)
        {
            table.Add(
                check.Agent,
                check.Kind,
                check.Path ?? check.Program,
                check.Found ? "found" : "missing",
                check.Found ? check.Version ?? "-" : check.InstallHint is { } hint ? "install: " + hint : $"'{check.Program}' is not on PATH");
        }

        table.Write(output);
    }
}
