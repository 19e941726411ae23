using System.Reflection;

using Fanout.Workspaces;

namespace Fanout.Orchestration.Session;

/// <summary>
/// How to start this very fanout again — the program and the arguments before its own — so that task
/// agents can reach their run (<c>fanout mcp --task</c>, <c>fanout ask</c>, <c>fanout progress</c>).
/// </summary>
public sealed record FanoutCommand(string Program, IReadOnlyList<string> Prefix)
{
    /// <summary>This process: the assembly under the dotnet host, else the executable it runs as.</summary>
    public static FanoutCommand? Current()
    {
        var process = Environment.ProcessPath;
        if (process is null)
        {
            return null;
        }

        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? entry is { Length: > 0 } && Path.GetFileName(entry) == "fanout.dll" ? new FanoutCommand(process, [entry]) : null
            : new FanoutCommand(process, []);
    }

    /// <summary>
    /// One executable path that runs this fanout: the program itself when it needs no arguments, else a
    /// small launcher script under the state folder, so an agent's shell and its MCP configuration can name it.
    /// </summary>
    public string Launcher(RepositoryPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (Prefix.Count == 0)
        {
            return Program;
        }

        var file = Path.Combine(paths.StateDir, "bin", "fanout");
        var script = $"#!/bin/sh\nexec {string.Join(' ', new[] { Program }.Concat(Prefix).Select(Quote))} \"$@\"\n";
        if (!File.Exists(file) || File.ReadAllText(file) != script)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = file + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temporary, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            }

            File.Move(temporary, file, overwrite: true);
        }

        return file;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
