using System.Collections.Concurrent;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Storage.Postgres;

namespace Fanout.Distributed;

/// <summary>
/// One <c>fanout worker</c> process: its name, its database, its clones (one per remote, shared by
/// its slots), and the task claims it holds. Hangfire calls <see cref="RunTaskAsync"/> on as many
/// threads as the worker has slots.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<WorkerClone>>> _clones = new(StringComparer.Ordinal);

    private WorkerHost(WorkerSettings settings, FanoutHost host, PostgresDatabase database, IJournal journal)
    {
        Settings = settings;
        Host = host with { Database = settings.Database };
        Database = database;
        Journal = journal;
        Claims = new PostgresTaskClaims(database);
    }

    public WorkerSettings Settings { get; }

    public string Name => Settings.Name;

    /// <summary>The process's host with the worker's database, for every session over its clones.</summary>
    public FanoutHost Host { get; }

    public PostgresDatabase Database { get; }

    public IJournal Journal { get; }

    public PostgresTaskClaims Claims { get; }

    /// <summary>Set once the Hangfire server runs: a job that finds its task claimed elsewhere comes back through it.</summary>
    internal Hangfire.IBackgroundJobClient? Jobs { get; set; }

    /// <summary>Reaches the database (creating Fanout's tables when missing) and makes the work folder; refuses bad settings as bad input.</summary>
    public static async Task<WorkerHost> OpenAsync(WorkerSettings settings, FanoutHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(host);
        settings.Validate();
        var database = PostgresDatabase.Open(settings.Database);
        try
        {
            var journal = await PostgresJournal.OpenAsync(database, cancellationToken);
            Directory.CreateDirectory(settings.WorkDirectory);
            return new WorkerHost(settings, host, database, journal);
        }
        catch (Npgsql.NpgsqlException error)
        {
            await database.DisposeAsync();
            throw new UserInputException($"--db: cannot reach the database {database.Description}: {error.Message}");
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>What Hangfire's job runs: one task of one run, taken up where the journal says it is.</summary>
    public Task RunTaskAsync(string runId, string taskId, CancellationToken cancellationToken) =>
        new TaskExecution(this, runId, taskId).RunAsync(cancellationToken);

    /// <summary>The worker's clone of <paramref name="remote"/>, cloned the first time a task needs it (a clone that failed is tried again next time).</summary>
    internal async Task<WorkerClone> CloneAsync(string remote, string branch, CancellationToken cancellationToken)
    {
        var clone = _clones.GetOrAdd(remote, url => new Lazy<Task<WorkerClone>>(() => WorkerClone.OpenAsync(Host, Settings.WorkDirectory, url, branch, CancellationToken.None)));
        try
        {
            return await clone.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (clone.Value.IsFaulted)
        {
            _clones.TryRemove(new KeyValuePair<string, Lazy<Task<WorkerClone>>>(remote, clone));
            throw;
        }
    }

    /// <summary>A line on the worker's own console (never a connection string or a token).</summary>
    internal void Say(string line) => Host.Console.Out.WriteLine($"{Host.Time.GetUtcNow():HH:mm:ss} {Name}: {line}");

    public async ValueTask DisposeAsync()
    {
        foreach (var clone in _clones.Values.Where(c => c.IsValueCreated))
        {
            try
            {
                await (await clone.Value).DisposeAsync();
            }
#pragma warning disable CA1031 // A clone that never opened has nothing to close.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        await Journal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
