using System.CommandLine;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string?> Repo() => new("--repo") { Description = "The git repository (default: the current directory)", HelpName = "DIR" };

    public static Option<bool> Json(string description) => new("--json") { Description = description };

    public static Option<string?> Run() => new("--run") { Description = "A run id (default: the latest run)", HelpName = "RUN" };

    public static Option<string?> Tracker()
    {
        var option = new Option<string?>("--tracker") { Description = "local or github (default: the plan's 'tracker:')", HelpName = "NAME" };
        option.AcceptOnlyFromAmong("local", "github");
        return option;
    }

    public static Task<RepositoryPaths> LocateAsync(string? repo, CancellationToken cancellationToken) =>
        RepositoryLocator.LocateAsync(repo ?? Directory.GetCurrentDirectory(), ProcessRunner.Instance, cancellationToken);

    /// <summary>Opens the journal only if it exists: reading status must never create state.</summary>
    public static async Task<SqliteJournal> OpenJournalAsync(RepositoryPaths paths, CancellationToken cancellationToken) =>
        File.Exists(paths.JournalFile)
            ? await SqliteJournal.OpenAsync(paths.JournalFile, cancellationToken)
            : throw new UserInputException($"no Fanout runs in {paths.Root} yet; start one with 'fanout run PLAN'");

    public static async Task<RunSnapshot> LoadRunAsync(IJournal journal, string? runId, RepositoryPaths paths, CancellationToken cancellationToken) =>
        await journal.LoadRunAsync(runId, cancellationToken)
            ?? throw new UserInputException(runId is null
                ? $"no Fanout runs in {paths.Root} yet; start one with 'fanout run PLAN'"
                : $"no run '{runId}' in {paths.Root}; 'fanout status' shows the latest");
}
