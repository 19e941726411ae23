namespace Fanout.Workspaces;

/// <summary>
/// Retries git calls that failed only because another git process held one of its lock files,
/// with bounded exponential backoff; any other failure passes through at once.
/// </summary>
public sealed class GitRetry
{
    public const int Attempts = 6;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);

    // Matched against git's messages in the C locale, which Git always runs in.
    private static readonly string[] ContentionMarkers =
    [
        "index.lock",
        "config.lock",
        "packed-refs.lock",
        "shallow.lock",
        ".lock': File exists",
        "could not lock",

        // Another process's worktree add was half done when git read its metadata.
        "/commondir",
    ];

    private readonly TimeProvider _time;

    public GitRetry(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Whether the failure was lock contention that may clear on its own.</summary>
    public static bool IsTransient(GitException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var said = exception.Result?.StandardError ?? exception.Message;
        return ContentionMarkers.Any(marker => said.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (GitException e) when (IsTransient(e))
            {
                if (attempt == Attempts)
                {
                    throw new GitException($"{e.Message} (still locked after {Attempts} tries)", e.Result);
                }

                // Jitter keeps the waiting callers from colliding again in lockstep.
                var jittered = delay * (0.75 + (Random.Shared.NextDouble() / 2));
                await Task.Delay(jittered, _time, cancellationToken);
                delay *= 2;
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunAsync(
            async token =>
            {
                await action(token);
                return true;
            },
            cancellationToken);
    }
}
