using System.Diagnostics;

using Xunit;

namespace Fanout.Bench.Tests;

/// <summary>A test that needs a folder on another file system than the temp folder (/dev/shm beside a disk); skipped, saying why, where there is none.</summary>
public sealed class OtherFileSystemFactAttribute : FactAttribute
{
    public const string Folder = "/dev/shm";

    public OtherFileSystemFactAttribute()
    {
        if (!Directory.Exists(Folder) || Device(Folder) is not { } other || other == Device(Path.GetTempPath()))
        {
            Skip = $"{Folder} is missing or on the same file system as the temp folder {Path.GetTempPath()}, so no copy here crosses file systems";
        }
    }

    /// <summary>The device number stat(1) gives the folder; null when stat is not there.</summary>
    private static string? Device(string folder)
    {
        try
        {
            using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%d", folder]) { RedirectStandardOutput = true, RedirectStandardError = true });
            var output = stat!.StandardOutput.ReadToEnd().Trim();
            stat.WaitForExit();
            return stat.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
