using Fanout.Agents;
using Fanout.Journal;

namespace Fanout.Orchestration;

/// <summary>Journals an agent's progress reports in the order they came, without blocking the agent's output reader.</summary>
internal sealed class ActivityReporter(RunContext run, string taskId) : IProgress<AgentProgress>
{
    private readonly Lock _gate = new();
    private Task _last = Task.CompletedTask;

    public void Report(AgentProgress value)
    {
        var at = run.Recorder.Now;
        lock (_gate)
        {
            // The agent's session id is a fact about the task (a later attempt continues it), not an activity.
            RunEvent runEvent = value.Kind == AgentProgress.Session
                ? new TaskLinked(run.RunId, at, taskId, AgentSession: value.Text)
                : new AgentActivity(run.RunId, at, taskId, value.Kind, value.Text);
            _last = _last.ContinueWith(
                _ => run.Recorder.RecordAsync(runEvent),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _last.WaitAsync(cancellationToken);
        }
    }
}
