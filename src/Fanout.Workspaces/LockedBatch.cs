using System.Collections.Concurrent;

namespace Fanout.Workspaces;

/// <summary>
/// Work that must run under a lock, done for every caller waiting at once (group commit): whoever
/// gets the lock takes every request queued so far and handles them in one go. Fifty tasks asking
/// for worktrees at once then cost one or two turns of the lock, not fifty.
/// </summary>
/// <param name="lockFile">The cross-process lock the work runs under.</param>
/// <param name="handle">
/// Handles a batch under the lock and completes every item. It runs without the callers' tokens
/// (the work is short, and stopping half way would leave half of it done); items whose callers
/// gave up before their turn are dropped first.
/// </param>
internal sealed class LockedBatch<TRequest, TResult>(string lockFile, Func<IReadOnlyList<BatchItem<TRequest, TResult>>, Task> handle)
{
    private readonly ConcurrentQueue<BatchItem<TRequest, TResult>> _queue = new();

    public async Task<TResult> RunAsync(TRequest request, CancellationToken cancellationToken)
    {
        var item = new BatchItem<TRequest, TResult>(request, cancellationToken);
        _queue.Enqueue(item);
        while (!item.Completed)
        {
            await using var held = await RepositoryLock.AcquireAsync(lockFile, cancellationToken);
            if (item.Completed)
            {
                break;
            }

            var batch = new List<BatchItem<TRequest, TResult>>();
            while (_queue.TryDequeue(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Cancel();
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                await HandleAsync(batch);
            }
        }

        return await item.Result;
    }

    private async Task HandleAsync(List<BatchItem<TRequest, TResult>> batch)
    {
        try
        {
            await handle(batch);
        }
#pragma warning disable CA1031 // Every waiting caller gets the failure as its own answer, the leader too.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            foreach (var item in batch)
            {
                item.Fail(failure);
            }
        }
        finally
        {
            foreach (var item in batch.Where(i => !i.Completed))
            {
                item.Fail(new InvalidOperationException("the batch left this request unanswered"));
            }
        }
    }
}

/// <summary>One caller's request in a <see cref="LockedBatch{TRequest, TResult}"/>, answered once.</summary>
internal sealed class BatchItem<TRequest, TResult>(TRequest request, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TRequest Request { get; } = request;

    /// <summary>The caller's own token, for work done for this item alone.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public bool Completed => _result.Task.IsCompleted;

    public Task<TResult> Result => _result.Task;

    public void Succeed(TResult result) => _result.TrySetResult(result);

    public void Fail(Exception failure) => _result.TrySetException(failure);

    public void Cancel() => _result.TrySetCanceled(CancellationToken);
}
