using System.Diagnostics;

namespace Fanout.Orchestration;

/// <summary>The fanout process's own memory, for the run's metrics; agents are separate processes and not counted.</summary>
public static class ProcessMemory
{
    /// <summary>
    /// Peak resident memory so far (VmHWM on Linux); null where the platform does not say.
    /// Refreshed first: a Process object caches what it read the first time.
    /// </summary>
    public static long? PeakBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 is > 0 and var peak ? peak : null;
    }
}
