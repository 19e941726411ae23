using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;
using System.Threading.Channels;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Orchestration.Resuming;
using Fanout.Orchestration.Session;
using Fanout.Planning;
using Fanout.Plans;
using Fanout.Reporting;

using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Fanout.Mcp;

/// <summary>
/// Checking a plan, starting a run (of a plan file, of tasks given inline, or of a goal) and following it.
/// A run starts in this server's process and the call returns its id at once; each of its steps is
/// notified as an update of its resource (<c>fanout://runs/RUN</c>, and the task's), and
/// <c>follow_run</c> reports the steps as progress until the run ends.
/// </summary>
internal sealed class RunTools(FanoutTools tools, CancellationToken serverStopping)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, Task> _runs = new(StringComparer.Ordinal);

    public McpServer? Server { get; set; }

    /// <summary>Runs this server started that are still going.</summary>
    public Task AllAsync() => Task.WhenAll(_runs.Values);

    public IEnumerable<McpServerTool> Create() =>
    [
        McpServerTool.Create(
            ([Description("The plan: a fanout.yaml, a Contextune plan.yaml or a folder holding one; relative to the repository.")] string plan) =>
                FanoutTools.GuardAsync(() => Task.FromResult(Check(plan))),
            new McpServerToolCreateOptions { Name = "check_plan", Description = "Validate a plan as 'fanout plan check' does: its tasks in dependency order, or every problem with file:line:col.", ReadOnly = true }),
        McpServerTool.Create(
            ([Description("A plan file to run (relative to the repository); or leave it out and give tasks or goal.")] string? plan = null,
             [Description("Tasks to run instead of a plan file: a list of {id, title, prompt, dependsOn?, files?, acceptance?}; they run under the project's fanout.yaml defaults.")] JsonElement? tasks = null,
             [Description("A goal instead: a planning agent splits it into tasks and each starts the moment it is written.")] string? goal = null,
             [Description("The agent for every task (a preset or a name under agents:).")] string? agent = null,
             [Description("At most this many task workers at once.")] int? maxParallel = null,
             CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(() => StartAsync(plan, tasks, goal, agent, maxParallel, cancellationToken)),
            new McpServerToolCreateOptions { Name = "start_run", Description = "Start a Fanout run and return its run id at once; the run goes on in the background (each step updates the resource fanout://runs/RUN). Follow it with follow_run." }),
        McpServerTool.Create(
            ([Description("The task to run again, in its worktree (then whatever it had blocked).")] string task,
             [Description("A follow-up instruction added to the task's prompt (and sent to a continued agent session).")] string? prompt = null,
             [Description("The run id (default: the latest run).")] string? run = null,
             CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(() => RetryAsync(task, prompt, run, cancellationToken)),
            new McpServerToolCreateOptions { Name = "retry_task", Description = "Run a task of a finished run again in its worktree with a follow-up instruction, as 'fanout retry TASK --prompt TEXT'; returns at once, like start_run." }),
        McpServerTool.Create(
            ([Description("The run id (default: the latest run).")] string? run = null, IProgress<ProgressNotificationValue>? progress = null, CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(() => FollowAsync(run, progress, cancellationToken)),
            new McpServerToolCreateOptions { Name = "follow_run", Description = "Wait until the run ends, reporting each step as a progress notification; returns its final status (the 'fanout status --json' document).", ReadOnly = true }),
        McpServerTool.Create(
            ([Description("The run id (default: the latest run).")] string? run = null, CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(async () => StdioServer.Text(await tools.StatusJsonAsync(run, cancellationToken))),
            new McpServerToolCreateOptions { Name = "run_status", Description = "The run's status now, as 'fanout status --json' prints it: every task's state, phase, progress, question, branch and timings.", ReadOnly = true }),
    ];

    private CallToolResult Check(string plan)
    {
        var path = Path.GetFullPath(plan, tools.Repository ?? Directory.GetCurrentDirectory());
        var loaded = PlanLoader.Load(path);
        var lines = new List<string> { $"Plan {loaded.Name}: {loaded.Tasks.Count} tasks, valid ({loaded.SourceFile})" };
        lines.AddRange(loaded.DependencyOrder.Select(id => loaded.Task(id)).Select(t => $"  {t.Id}: {t.Title}{(t.DependsOn.Count > 0 ? $" (after {string.Join(", ", t.DependsOn)})" : string.Empty)}"));
        return StdioServer.Text(string.Join("\n", lines));
    }

    private async Task<CallToolResult> StartAsync(string? plan, JsonElement? tasks, string? goal, string? agent, int? maxParallel, CancellationToken cancellationToken)
    {
        var given = new[] { plan is not null, tasks is { ValueKind: JsonValueKind.Array }, goal is not null }.Count(g => g);
        if (given != 1)
        {
            throw new UserInputException("start_run needs exactly one of plan (a plan file), tasks (a list of tasks) or goal (for a planning agent)");
        }

        return await LaunchAsync(
            async (session, live) => goal is not null
                ? await GoalAsync(session, goal, agent, maxParallel, live, cancellationToken)
                : await PlanAsync(session, plan ?? await InlinePlanAsync(session, tasks!.Value, cancellationToken), agent, maxParallel, live, cancellationToken),
            cancellationToken);
    }

    /// <summary><c>fanout retry TASK --prompt TEXT</c>, through the same library entry, in the background like a new run.</summary>
    private Task<CallToolResult> RetryAsync(string task, string? prompt, string? run, CancellationToken cancellationToken) =>
        LaunchAsync(
            async (session, live) =>
            {
                var resumed = await ResumePreparation.PrepareAsync(session, new ResumeRequest { RunId = run, Retry = [task], FollowUp = string.IsNullOrWhiteSpace(prompt) ? null : prompt }, cancellationToken);
                return (resumed.Prepared.RunId, resumed.Resumption.TakenUp.Count, () => RunLauncher.LaunchAsync(session, resumed.Prepared, live, serverStopping, resumed.Resumption));
            },
            cancellationToken);

    /// <summary>Prepares a run in a session of its own, starts it in the background, and answers once the journal holds it.</summary>
    private async Task<CallToolResult> LaunchAsync(Func<FanoutSession, ChannelWriter<RunEvent>, Task<(string RunId, int? Tasks, Func<Task<RunOutcome>> Launch)>> prepare, CancellationToken cancellationToken)
    {
        var session = await tools.SessionAsync(cancellationToken);
        try
        {
            var events = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
            var (runId, count, launch) = await prepare(session, events.Writer);
            var journaled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var kept = Task.Run(() => KeepAsync(session, launch, events, journaled), CancellationToken.None);
            _runs[runId] = kept;

            // At once, but not before the journal has the run: follow_run and run_status may come next.
            if (await Task.WhenAny(journaled.Task, kept) == kept && !journaled.Task.IsCompleted)
            {
                throw new UserInputException($"run {runId} did not start; 'fanout status {runId}' may say why");
            }

            return FanoutTools.JsonResult(new { runId, state = "running", tasks = count, next = $"follow_run with run \"{runId}\" waits for the end; run_status shows it now" });
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private async Task<(string, int?, Func<Task<RunOutcome>>)> PlanAsync(FanoutSession session, string plan, string? agent, int? maxParallel, ChannelWriter<RunEvent> live, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(plan, session.Paths.Root);
        var prepared = await RunPreparation.PrepareAsync(session, new RunOptions(path) { Agent = agent, MaxParallel = maxParallel, RepositoryDirectory = session.Paths.Root }, cancellationToken);
        return (prepared.RunId, prepared.Plan.Tasks.Count, () => RunLauncher.LaunchAsync(session, prepared, live, serverStopping));
    }

    private async Task<(string, int?, Func<Task<RunOutcome>>)> GoalAsync(FanoutSession session, string goal, string? agent, int? maxParallel, ChannelWriter<RunEvent> live, CancellationToken cancellationToken)
    {
        var prepared = await GoalRun.PrepareAsync(session, new GoalRunOptions(goal) { Agent = agent, MaxParallel = maxParallel }, cancellationToken);
        return (prepared.Run.RunId, null, () => GoalRun.RunAsync(session, prepared, live, serverStopping));
    }

    /// <summary>Inline tasks become a plan file under the state folder, with the project's defaults, checked like any plan.</summary>
    private static async Task<string> InlinePlanAsync(FanoutSession session, JsonElement tasks, CancellationToken cancellationToken)
    {
        var planned = new List<PlannedTask>();
        foreach (var item in tasks.EnumerateArray())
        {
            planned.Add(PlannedTask.Read(item, out var problem) ?? throw new UserInputException($"tasks: {problem}"));
        }

        var branch = await session.Git.CurrentBranchAsync(cancellationToken) ?? "HEAD";
        var defaults = PlanningDefaults.Read(session.Paths.Root, branch);
        var now = session.Time.GetUtcNow();
        var file = Path.Combine(session.Paths.StateDir, "mcp", $"tasks-{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, PlanYaml.Render("mcp-tasks", "tasks given through fanout mcp", defaults.Text, planned, now), cancellationToken);
        return file;
    }

    /// <summary>Runs it to the end, telling the client of each step as an update of the run's (and the task's) resource, then lets the session go.</summary>
    private async Task KeepAsync(FanoutSession session, Func<Task<RunOutcome>> launch, Channel<RunEvent> events, TaskCompletionSource journaled)
    {
        var forward = Task.Run(async () =>
        {
            await foreach (var runEvent in events.Reader.ReadAllAsync(CancellationToken.None))
            {
                // The recorder hands an event on only once the journal holds it.
                journaled.TrySetResult();
                if (Server is { } server)
                {
                    await NotifyAsync(server, Resources.RunUri(runEvent.RunId));
                    if (runEvent is TaskEvent task)
                    {
                        await NotifyAsync(server, Resources.TaskUri(task.RunId, task.TaskId));
                    }
                }
            }
        });
        try
        {
            await launch();
        }
#pragma warning disable CA1031 // The journal holds how the run ended; the server goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            events.Writer.TryComplete();
            await forward;
            await session.DisposeAsync();
        }
    }

    private static async Task NotifyAsync(McpServer server, string uri)
    {
        try
        {
            await server.SendNotificationAsync(
                NotificationMethods.ResourceUpdatedNotification,
                new ResourceUpdatedNotificationParams { Uri = uri },
                McpJsonUtilities.DefaultOptions,
                CancellationToken.None);
        }
#pragma warning disable CA1031 // A client that went away misses its notes; the run goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task<CallToolResult> FollowAsync(string? runId, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        await using var session = await tools.SessionAsync(cancellationToken);
        var run = await session.LoadRunAsync(runId, cancellationToken);
        var journal = await session.JournalAsync(cancellationToken);
        var fold = new RunFold();
        var lines = new StringWriter();
        var plain = new PlainRenderer(lines);
        await foreach (var runEvent in JournalFollower.FollowAsync(journal, run.Id, PollInterval, session.Time, cancellationToken))
        {
            fold.Apply(runEvent);
            plain.Render(runEvent);
            var text = lines.ToString().TrimEnd();
            lines.GetStringBuilder().Clear();
            if (text.Length > 0 && fold.Snapshot is { } now)
            {
                progress?.Report(new ProgressNotificationValue { Progress = now.Tasks.Count(t => t.State.IsFinal()), Total = now.Tasks.Count, Message = text });
            }
        }

        return StdioServer.Text(StatusBuilder.Build(await session.LoadRunAsync(run.Id, cancellationToken), session.Time.GetUtcNow()).ToJson());
    }
}
