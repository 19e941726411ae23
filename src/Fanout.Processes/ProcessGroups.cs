using System.Globalization;
using System.Runtime.InteropServices;

namespace Fanout.Processes;

/// <summary>
/// Process groups on Linux: an isolated child runs as the leader of its own session (via
/// util-linux's <c>setsid</c>), so it and everything it starts can be ended together, and found
/// again by its pid and start time after the process that started it is gone.
/// </summary>
public static partial class ProcessGroups
{
    private const int SigKill = 9;

    /// <summary>The <c>setsid</c> program, when this system has one; null turns isolation off (it is best effort elsewhere).</summary>
    internal static string? Setsid { get; } = OperatingSystem.IsLinux() ? ProgramLocator.Find("setsid") : null;

    public static bool Supported => Setsid is not null;

    /// <summary>Ends every process of the group <paramref name="leader"/> leads; false when none is left.</summary>
    public static bool Kill(int leader) => leader > 1 && Supported && KillProcess(-leader, SigKill) == 0;

    /// <summary>Whether any process of the group is still alive.</summary>
    public static bool Alive(int leader) => leader > 1 && Supported && KillProcess(-leader, 0) == 0;

    /// <summary>
    /// When the process started, in clock ticks since boot (<c>/proc/PID/stat</c> field 22): with the
    /// pid it names one process for good, since pids are reused. Null when it is gone or unknown.
    /// </summary>
    public static long? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

            // The command name may hold spaces and parentheses: fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Ends the group led by <paramref name="pid"/> only if that pid is still the process that started at <paramref name="startTicks"/>.</summary>
    /// <returns>True when something was ended.</returns>
    public static bool KillIfSame(int pid, long startTicks) => StartTicks(pid) == startTicks && Kill(pid);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillProcess(int pid, int signal);
}
