using System.Reflection;

using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Cli.Demo;

/// <summary>Writes the demo's sample project (embedded in this assembly) to a new or empty folder and commits it.</summary>
public static class SampleRepository
{
    private const string Prefix = "Demo/";

    public static async Task CreateAsync(string folder, IProcessRunner runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            throw new UserInputException($"{folder} is not empty; the demo needs a new or empty folder (nothing in it is touched)");
        }

        Directory.CreateDirectory(folder);
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(folder, name[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = assembly.GetManifestResourceStream(name)!;
            await using var file = File.Create(target);
            await source.CopyToAsync(file, cancellationToken);
            if (!OperatingSystem.IsWindows() && (target.EndsWith(".sh", StringComparison.Ordinal) || Path.GetFileName(target) == "textkit"))
            {
                File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
            }
        }

        await GitAsync(runner, folder, cancellationToken, "init", "--quiet", "--initial-branch=main");
        await GitAsync(runner, folder, cancellationToken, "add", "-A");
        // The demo must work on a machine where git has no identity configured yet.
        await GitAsync(runner, folder, cancellationToken, "-c", "user.name=Fanout Demo", "-c", "user.email=demo@fanout.invalid", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "textkit: upper and help commands, with tests");
    }

    private static async Task GitAsync(IProcessRunner runner, string folder, CancellationToken cancellationToken, params string[] arguments) =>
        (await runner.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = folder }, cancellationToken)).EnsureSuccess();
}
