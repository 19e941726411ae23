using System.Text;

using Fanout.Journal;
using Fanout.Processes;
using Fanout.TestSupport;

namespace Fanout.Cli.Tests.Durability;

/// <summary>
/// A real <c>fanout</c> process on a plan of agents that commit step by step, killed when the
/// journal shows a chosen moment, then looked at from outside: what it left, and whether
/// <c>fanout resume</c> finishes it. Nothing here reaches into the process; it is killed as a user's would be.
/// </summary>
internal sealed class CrashHarness : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    private CrashHarness(GitRepository repository) => Repository = repository;

    public GitRepository Repository { get; }

    public string JournalFile => Path.Combine(Repository.Path, ".git", "fanout", "journal.db");

    /// <summary>
    /// A repository of <paramref name="files"/> files (so a checkout takes long enough to be killed in)
    /// with a plan of <paramref name="tasks"/> tasks whose agents each make three commits, 0.1 to 0.5 s apart.
    /// </summary>
    public static async Task<CrashHarness> CreateAsync(int tasks, int files, string planHeader = "")
    {
        var repository = await GitRepository.CreateAsync(Enumerable.Range(0, files).ToDictionary(i => $"src/m{i % 13}/f{i}.txt", i => $"line {i}\n"));
        repository.Write("fanout.yaml", Plan(tasks, planHeader));
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");
        return new CrashHarness(repository);
    }

    /// <summary>Starts <c>fanout ARGS</c> in the repository; the task completes when the process ends, however it ends.</summary>
    public async Task<RunningFanout> StartAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var variables = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1" };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var spec = new ProcessSpec(ProgramLocator.Find("dotnet") ?? "dotnet", [FanoutCli.Dll, .. arguments])
        {
            WorkingDirectory = Repository.Path,
            Environment = variables,
            Timeout = StartLimit,
            OnStarted = started.SetResult,
        };
        var exit = ProcessRunner.Instance.RunAsync(spec, CancellationToken.None);
        return new RunningFanout(await started.Task.WaitAsync(StartLimit), exit);
    }

    /// <summary>Polls the journal until <paramref name="moment"/> holds of its events; false when the run ended first.</summary>
    public async Task<bool> WaitForAsync(RunningFanout fanout, Func<IReadOnlyList<RunEvent>, bool> moment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fanout);
        while (!File.Exists(JournalFile))
        {
            if (fanout.Exit.IsCompleted)
            {
                return false;
            }

            await Task.Delay(5, cancellationToken);
        }

        await using var journal = await SqliteJournal.OpenAsync(JournalFile, cancellationToken);
        var events = new List<RunEvent>();
        var seq = 0L;
        while (!fanout.Exit.IsCompleted)
        {
            foreach (var entry in await journal.EventsAfterAsync(null, seq, cancellationToken))
            {
                seq = entry.Seq;
                events.Add(entry.Event);
            }

            if (moment(events))
            {
                return true;
            }

            await Task.Delay(3, cancellationToken);
        }

        return false;
    }

    /// <summary>Every commit the run's branches and worktrees point at now: each must survive into the final branches.</summary>
    public async Task<IReadOnlyList<(string Task, string Commit)>> CommitsMadeAsync(string runId)
    {
        var made = new List<(string, string)>();
        var heads = await Repository.GitAsync("for-each-ref", "--format=%(refname:short) %(objectname)", $"refs/heads/fanout/{runId}/");
        foreach (var line in heads.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (branch, commit) = (line.Split(' ')[0], line.Split(' ')[1]);
            made.Add((branch.Split('/')[^1], commit));
        }

        var root = Path.Combine(Repository.Parent, "repo.worktrees", runId);
        foreach (var worktree in Directory.Exists(root) ? Directory.EnumerateDirectories(root) : [])
        {
            var head = await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["rev-parse", "--verify", "--quiet", "HEAD"]) { WorkingDirectory = worktree }, CancellationToken.None);
            if (head.Succeeded && File.Exists(Path.Combine(worktree, ".git")))
            {
                made.Add((Path.GetFileName(worktree), head.StandardOutput.Trim()));
            }
        }

        return made;
    }

    public async Task<bool> IsAncestorAsync(string commit, string branch) =>
        (await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["merge-base", "--is-ancestor", commit, branch]) { WorkingDirectory = Repository.Path }, CancellationToken.None)).ExitCode == 0;

    public void Dispose() => Repository.Dispose();

    private static string Plan(int tasks, string header)
    {
        // Three commits, 0.1–0.5 s apart by task; the pid goes beside the log so a test can look for it after a kill.
        const string Agent = """[sh, -c, 'echo "$$" >> "$FANOUT_LOG_FILE.pids"; s=$(( $(echo "$FANOUT_TASK" | tr -dc 0-9) % 5 + 1 )); n=0; while [ $n -lt 3 ]; do n=$((n + 1)); echo "$FANOUT_TASK $n $$" >> "work-$FANOUT_TASK.txt"; git add -A; git commit -qm "$FANOUT_TASK step $n"; sleep 0.$s; done']""";
        var text = new StringBuilder();
        text.AppendLine("name: crash");
        text.Append(header);
        text.AppendLine("agent: stepper");
        text.AppendLine("maxParallel: 6");
        text.AppendLine("agents:");
        text.AppendLine("  stepper:");
        text.AppendLine($"    command: {Agent}");
        text.AppendLine("    timeout: 2m");
        text.AppendLine("tasks:");
        for (var i = 1; i <= tasks; i++)
        {
            text.AppendLine($"  - id: t{i}");
            text.AppendLine($"    prompt: Step {i}.");
            if (i % 4 == 0)
            {
                text.AppendLine($"    dependsOn: [t{i - 3}]");
            }
        }

        return text.ToString();
    }
}

/// <summary>A fanout process under test: its pid, and its end.</summary>
internal sealed record RunningFanout(int Pid, Task<ProcessResult> Exit);
