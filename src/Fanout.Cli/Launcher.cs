using Fanout.Orchestration.Session;
using Fanout.Processes;

namespace Fanout.Cli;

/// <summary>
/// How the user can run Fanout again from anywhere, for the commands Fanout tells them to run next:
/// <c>fanout</c> when that is on PATH and is this Fanout, else the <c>./fanout</c> launcher's
/// absolute path (it says where it is in <c>FANOUT_LAUNCHER</c>), else this build's own dll.
/// </summary>
internal static class Launcher
{
    public const string Variable = "FANOUT_LAUNCHER";

    public static string Command(FanoutHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var launcher = host.Environment(Variable) is { Length: > 0 } path && File.Exists(path) ? Path.GetFullPath(path) : null;
        var onPath = ProgramLocator.Find("fanout", host.Environment("PATH"));
        if (onPath is not null && (launcher is null || Same(onPath, launcher)))
        {
            return "fanout";
        }

        return launcher is not null ? Quote(launcher) : $"dotnet {Quote(Path.Combine(AppContext.BaseDirectory, "fanout.dll"))}";
    }

    private static bool Same(string a, string b) =>
        string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);

    private static string Resolve(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || "'\"$`\\".Contains(c)) ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'" : path;
}
