using System.Text;

using Fanout.Journal;
using Fanout.Processes;
using Fanout.Storage.Postgres;
using Fanout.TestSupport;
using Fanout.Trackers;

namespace Fanout.Distributed.Tests;

/// <summary>
/// One shared database, one bare remote, the coordinator's repository (its origin the remote, the
/// plan committed and pushed), and the workers started for it; everything removed at the end.
/// </summary>
internal sealed class DistributedRig : IAsyncDisposable
{
    private readonly TempDirectory _temp = new("fanout-dist");
    private readonly List<WorkerProcess> _workers = [];

    private DistributedRig(PostgresTestDatabase database) => Database = database;

    public PostgresTestDatabase Database { get; }

    public string Remote => _temp.Combine("remote.git");

    public string Repository => _temp.Combine("repo");

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    public static async Task<DistributedRig> CreateAsync() => new(await PostgresTestDatabase.CreateAsync());

    /// <summary>A plan of <paramref name="tasks"/> independent tasks whose agent sleeps <paramref name="agentSeconds"/>, then writes a file.</summary>
    public static string Plan(int tasks, double agentSeconds)
    {
        var text = new StringBuilder(
            $"""
            name: many
            agent: edit
            agents:
              edit:
                command: [sh, -c, 'sleep {agentSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; echo "$FANOUT_TASK" > "out-$FANOUT_TASK.txt"']
            tasks:

            """);
        for (var n = 1; n <= tasks; n++)
        {
            text.AppendLine($"  - {{id: t{n:00}, title: Task {n}, prompt: Write out-t{n:00}.txt}}");
        }

        return text.ToString();
    }

    /// <summary>Makes the bare remote and the coordinator's clone of it, with <paramref name="plan"/> committed on main and pushed.</summary>
    public async Task InitAsync(string plan, string? remoteUrl = null)
    {
        await GitAsync(_temp.Path, "init", "--quiet", "--bare", "--initial-branch=main", Remote);
        await GitAsync(_temp.Path, "init", "--quiet", "--initial-branch=main", Repository);
        await GitAsync(Repository, "config", "user.name", "Fanout Tests");
        await GitAsync(Repository, "config", "user.email", "tests@fanout.invalid");
        File.WriteAllText(Path.Combine(Repository, "fanout.yaml"), plan);
        File.WriteAllText(Path.Combine(Repository, "README.md"), "many machines\n");
        await GitAsync(Repository, "add", "-A");
        await GitAsync(Repository, "commit", "--quiet", "-m", "Plan");
        await GitAsync(Repository, "remote", "add", "origin", remoteUrl ?? Remote);
        await GitAsync(Repository, "push", "--quiet", Remote, "main");
    }

    public async Task<WorkerProcess> StartWorkerAsync(string name, int slots, string? database = null, string? netns = null)
    {
        var worker = WorkerProcess.Start(name, database ?? Database.ConnectionString, _temp.Combine("workers", name), slots, netns);
        _workers.Add(worker);
        await worker.ReadyAsync(TimeSpan.FromMinutes(2));
        return worker;
    }

    /// <summary>The coordinator: <c>fanout run fanout.yaml --db</c>, to its end.</summary>
    public Task<ProcessResult> RunAsync(params string[] extra) => FanoutAsync(["run", "fanout.yaml", "--db", Database.ConnectionString, "--plain", .. extra]);

    /// <summary>Runs the CLI in the coordinator's repository; cancelling kills it, as a lost machine would be.</summary>
    public async Task<ProcessResult> FanoutAsync(string[] arguments, CancellationToken cancellationToken = default)
    {
        var spec = new ProcessSpec(ProgramLocator.Find("dotnet") ?? "dotnet", [FanoutCli.Dll, .. arguments])
        {
            WorkingDirectory = Repository,
            Timeout = TimeSpan.FromMinutes(8),
            Environment = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1" },
        };
        return await ProcessRunner.Instance.RunAsync(spec, cancellationToken);
    }

    public async Task<RunSnapshot> RunSnapshotAsync()
    {
        await using var journal = await PostgresJournal.OpenAsync(Database.ConnectionString, CancellationToken.None);
        return await journal.LoadRunAsync(null, CancellationToken.None) ?? throw new InvalidOperationException("no run in the journal");
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId)
    {
        await using var journal = await PostgresJournal.OpenAsync(Database.ConnectionString, CancellationToken.None);
        return await journal.EventsAsync(runId, CancellationToken.None);
    }

    public async Task<IReadOnlyList<TrackerIssue>> IssuesAsync()
    {
        await using var tracker = await PostgresTracker.OpenAsync(Database.ConnectionString, TimeProvider.System, CancellationToken.None);
        return await tracker.ListAsync(null, CancellationToken.None);
    }

    /// <summary>Every branch of the remote and its head commit.</summary>
    public async Task<Dictionary<string, string>> RemoteHeadsAsync()
    {
        var output = await GitAsync(Remote, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads/");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    public async Task<bool> IsAncestorInRemoteAsync(string ancestor, string descendant)
    {
        var result = await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["merge-base", "--is-ancestor", ancestor, descendant]) { WorkingDirectory = Remote }, CancellationToken.None);
        return result.ExitCode == 0;
    }

    public static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var result = await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = directory }, CancellationToken.None);
        return result.Succeeded ? result.StandardOutput.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError}");
    }

    public string WorkerOutput => string.Join("\n", _workers.Select(w => $"--- {w.Name}\n{w.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await Database.DisposeAsync();
        _temp.Dispose();
    }
}
