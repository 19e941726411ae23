using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>
/// Runs git for one repository through an <see cref="IProcessRunner"/>: argument lists only,
/// a stable environment, and failures that quote git's own words.
/// </summary>
public sealed partial class Git : IGit
{
    // No one is at a keyboard, and messages are matched (lock contention) so they must not be translated.
    private static readonly Dictionary<string, string?> BaseEnvironment = new(StringComparer.Ordinal)
    {
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["LC_ALL"] = "C",
        ["GIT_MERGE_AUTOEDIT"] = "no",

        // Set when running under a git hook; they would point every call at the hook's repository.
        ["GIT_DIR"] = null,
        ["GIT_WORK_TREE"] = null,
        ["GIT_INDEX_FILE"] = null,
        ["GIT_COMMON_DIR"] = null,
        ["GIT_OBJECT_DIRECTORY"] = null,
    };

    private readonly IProcessRunner _runner;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly IReadOnlyDictionary<string, string?> _readOnlyEnvironment;

    /// <param name="repositoryDirectory">Any folder inside the repository's working tree.</param>
    /// <param name="runner">Runs the git processes.</param>
    /// <param name="environment">Extra variables (null removes one), for example to isolate from the user's global config.</param>
    public Git(string repositoryDirectory, IProcessRunner runner, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        ArgumentNullException.ThrowIfNull(runner);
        RepositoryDirectory = repositoryDirectory;
        _runner = runner;
        var merged = new Dictionary<string, string?>(BaseEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        _environment = merged;

        // Status would otherwise refresh the index and take index.lock, racing whoever works in that worktree.
        _readOnlyEnvironment = new Dictionary<string, string?>(merged, StringComparer.Ordinal) { ["GIT_OPTIONAL_LOCKS"] = "0" };
    }

    public string RepositoryDirectory { get; }

    /// <summary>The git of the repository at <paramref name="paths"/>: the one each Workspaces service builds when it is given only a runner.</summary>
    internal static Git Of(RepositoryPaths paths, IProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new Git(paths.Root, runner);
    }

    /// <summary>Runs git and returns its standard output (trailing newlines removed); a non-zero exit throws <see cref="GitException"/>.</summary>
    /// <remarks>Internal: outside this library git is reached only through the named operations of <see cref="IGit"/>.</remarks>
    /// <param name="workingDirectory">Where to run; null means <see cref="RepositoryDirectory"/>.</param>
    internal async Task<string> RunAsync(string? workingDirectory, CancellationToken cancellationToken, params string[] arguments) =>
        (await TryRunAsync(workingDirectory, cancellationToken, arguments)).EnsureSuccess().Output;

    /// <summary>Runs git and returns the result whatever the exit code.</summary>
    /// <param name="workingDirectory">Where to run; null means <see cref="RepositoryDirectory"/>.</param>
    internal Task<GitResult> TryRunAsync(string? workingDirectory, CancellationToken cancellationToken, params string[] arguments) =>
        RunCoreAsync(workingDirectory, readOnly: false, arguments, cancellationToken);

    private async Task<GitResult> RunCoreAsync(string? workingDirectory, bool readOnly, string[] arguments, CancellationToken cancellationToken, string? input = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var spec = new ProcessSpec("git", arguments)
        {
            WorkingDirectory = workingDirectory ?? RepositoryDirectory,
            Environment = readOnly ? _readOnlyEnvironment : _environment,
            StandardInput = input,
        };
        return new GitResult(await _runner.RunAsync(spec, cancellationToken));
    }

    /// <summary>Runs git with <paramref name="input"/> on its standard input, whatever the exit code.</summary>
    private Task<GitResult> RunWithInputAsync(string? workingDirectory, string input, CancellationToken cancellationToken, params string[] arguments) =>
        RunCoreAsync(workingDirectory, readOnly: false, arguments, cancellationToken, input);

    private Task<GitResult> TryReadAsync(string? workingDirectory, CancellationToken cancellationToken, params string[] arguments) =>
        RunCoreAsync(workingDirectory, readOnly: true, arguments, cancellationToken);

    private async Task<string> ReadAsync(string? workingDirectory, CancellationToken cancellationToken, params string[] arguments) =>
        (await TryReadAsync(workingDirectory, cancellationToken, arguments)).EnsureSuccess().Output;

    /// <summary>Refuses a revision git would read as an option, where the command takes no <c>--end-of-options</c> (reset, checkout in git 2.39).</summary>
    private static string Revision(string revision, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(revision, parameter);
        return revision.StartsWith('-') ? throw new ArgumentException($"'{revision}' would be read as an option, not a revision", parameter) : revision;
    }
}
