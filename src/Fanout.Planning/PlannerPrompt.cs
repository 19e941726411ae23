using System.Text;

namespace Fanout.Planning;

/// <summary>The planner's prompt: the goal, the context given, the rules of Fanout's plan shape, and on a retry the errors.</summary>
public static class PlannerPrompt
{
    private const int MaxContextChars = 20_000;

    public static string Compose(PlanningRequest request, PlanningFeedback? feedback = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.AppendLine("You are the planner of a Fanout run. Read the repository (read-only: Read, Glob, Grep) and split the goal below")
            .AppendLine("into independent coding tasks that separate agents can do at the same time, each in its own git worktree.")
            .AppendLine()
            .AppendLine("# Goal")
            .AppendLine()
            .AppendLine(request.Goal.Trim())
            .AppendLine();
        foreach (var file in request.Context)
        {
            var content = File.ReadAllText(file);
            text.Append("# Context: ").AppendLine(Path.GetFileName(file)).AppendLine()
                .AppendLine(content.Length <= MaxContextChars ? content.TrimEnd() : content[..MaxContextChars] + "\n[cut]")
                .AppendLine();
        }

        text.AppendLine("# How to answer")
            .AppendLine()
            .AppendLine("Answer with one JSON object {\"tasks\": [...]} (the StructuredOutput tool, when you have it; else one task object per line).")
            .AppendLine("Each task: \"id\" (short, unique, letters, digits, '.', '_' or '-'), \"title\" (one line), \"prompt\" (everything the agent")
            .AppendLine("needs, on its own), and where useful \"dependsOn\" (ids of tasks that must be done first), \"files\" (files it will touch)")
            .AppendLine("and \"acceptance\" (what must be true when it is done).")
            .AppendLine("Write every task after the tasks it depends on: Fanout starts each task the moment you write it, so write the first")
            .AppendLine("ones as soon as you know them. Prefer tasks that touch different files. Do not change any file yourself.")
            .AppendLine()
            .Append("JSON Schema: ").AppendLine(PlanSchema.Json);
        if (feedback is not null)
        {
            text.AppendLine()
                .AppendLine("# Your last answer was refused")
                .AppendLine()
                .AppendLine("Fanout read it as this plan:")
                .AppendLine()
                .AppendLine("```yaml")
                .AppendLine(feedback.PreviousPlan.TrimEnd())
                .AppendLine("```")
                .AppendLine()
                .AppendLine("and found these problems (file:line:col: message):")
                .AppendLine();
            foreach (var error in feedback.Errors)
            {
                text.Append("- ").AppendLine(error);
            }

            text.AppendLine()
                .AppendLine(feedback.Accepted.Count == 0
                    ? "Answer again with the whole plan, corrected."
                    : $"These tasks are already running and stay as they are: {string.Join(", ", feedback.Accepted)}. Answer with the corrected tasks only; they may depend on the running ones.");
        }

        return text.ToString();
    }
}
