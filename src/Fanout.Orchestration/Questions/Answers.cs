using Fanout.Core;
using Fanout.Journal;

namespace Fanout.Orchestration.Questions;

/// <summary>Answers the question a task's agent is waiting on: <c>fanout answer TASK TEXT</c>, or the main agent through <c>fanout mcp</c>.</summary>
public static class Answers
{
    /// <returns>The question answered.</returns>
    /// <exception cref="UserInputException">No such task, or its agent waits for no answer.</exception>
    public static async Task<QuestionSnapshot> AnswerAsync(IJournal journal, TimeProvider time, RunSnapshot run, string taskId, string answer, AnswerSource by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        var task = run.Tasks.FirstOrDefault(t => t.Id == taskId)
            ?? throw new UserInputException($"run {run.Id} has no task '{taskId}'; its tasks: {string.Join(", ", run.Tasks.Select(t => t.Id))}");
        var question = task.OpenQuestion
            ?? throw new UserInputException($"task '{taskId}' of run {run.Id} is not waiting for an answer{(task.Questions.Count > 0 ? $" (its last question was answered by {task.Questions[^1].By?.Name()})" : string.Empty)}");
        await journal.AppendAsync(new QuestionAnswered(run.Id, time.GetUtcNow(), taskId, question.Id, answer.Trim(), by), cancellationToken);
        return question;
    }

    /// <summary>Every question of the run still waiting for an answer, oldest first.</summary>
    public static IReadOnlyList<(TaskSnapshot Task, QuestionSnapshot Question)> Open(RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Tasks.Where(t => t.OpenQuestion is not null).Select(t => (t, t.OpenQuestion!)).OrderBy(p => p.Item2.AskedAt)];
    }
}
