using Fanout.Journal;

namespace Fanout.Orchestration.Questions;

/// <summary>
/// What a task's agent says to its run, through the journal every fanout process of the repository
/// shares: its progress, and questions that hold the agent until an answer comes (from
/// <c>fanout answer</c>, the dashboard or the main agent) or the timeout answers for it.
/// </summary>
public sealed class TaskChannel(IJournal journal, TimeProvider time, string runId, string taskId)
{
    /// <summary>What a question gets when nobody answers in time.</summary>
    public const string NoAnswer = "no answer; use your judgement";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public Task ReportProgressAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return journal.AppendAsync(new ProgressReported(runId, time.GetUtcNow(), taskId, text.Trim()), cancellationToken);
    }

    /// <summary>Journals the question, then waits for its first answer; after <paramref name="timeout"/> the answer is <see cref="NoAnswer"/>.</summary>
    public async Task<QuestionAnswered> AskAsync(string question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var id = "q" + Guid.NewGuid().ToString("N")[..10];
        var seen = (await journal.EventsAfterAsync(runId, 0, cancellationToken)).Select(e => e.Seq).DefaultIfEmpty(0).Max();
        await journal.AppendAsync(new QuestionAsked(runId, time.GetUtcNow(), taskId, id, question.Trim()), cancellationToken);
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var entries = await journal.EventsAfterAsync(runId, seen, cancellationToken);
            if (entries.Select(e => e.Event).OfType<QuestionAnswered>().FirstOrDefault(a => a.QuestionId == id) is { } answer)
            {
                return answer;
            }

            seen = entries.Count > 0 ? entries[^1].Seq : seen;
            if (time.GetUtcNow() >= deadline)
            {
                await journal.AppendAsync(new QuestionAnswered(runId, time.GetUtcNow(), taskId, id, NoAnswer, AnswerSource.Timeout), cancellationToken);

                // An answer may have come in between: the first in the journal is the one that counts.
                return (await journal.EventsAfterAsync(runId, seen, cancellationToken)).Select(e => e.Event).OfType<QuestionAnswered>().First(a => a.QuestionId == id);
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }
}
