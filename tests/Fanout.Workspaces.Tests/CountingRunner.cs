using Fanout.Processes;

namespace Fanout.Workspaces.Tests;

/// <summary>Runs real processes and lets a test watch (and react to) the git calls whose arguments contain a word.</summary>
internal sealed class CountingRunner(string word, Action<ProcessResult>? afterEach = null) : IProcessRunner
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.Instance.RunAsync(spec, cancellationToken);
        if (spec.Arguments.Contains(word))
        {
            Interlocked.Increment(ref _count);
            afterEach?.Invoke(result);
        }

        return result;
    }
}
