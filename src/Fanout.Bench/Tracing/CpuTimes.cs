using System.Globalization;

namespace Fanout.Bench.Tracing;

/// <summary>
/// CPU seconds this process and its finished children used so far, user and system apart, from
/// <c>/proc/self/stat</c> (utime, stime, cutime, cstime; proc(5)). Null where there is no /proc.
/// </summary>
public sealed record CpuTimes(double User, double System)
{
    // The kernel reports in clock ticks, USER_HZ, which is 100 on Linux.
    private const double TicksPerSecond = 100;

    public double Total => User + System;

    public static CpuTimes? Now()
    {
        const string Stat = "/proc/self/stat";
        if (!File.Exists(Stat))
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        var text = File.ReadAllText(Stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
        return new CpuTimes(Field(14) + Field(16), Field(15) + Field(17));
    }

    public CpuTimes Since(CpuTimes earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new CpuTimes(User - earlier.User, System - earlier.System);
    }
}
