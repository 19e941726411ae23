using System.Text;

namespace Fanout.TestSupport;

/// <summary>Builds fanout.yaml text for tests: agents are real shell commands that edit real files.</summary>
public static class PlanText
{
    /// <summary>An agent that writes a file named after its task (task data arrives as FANOUT_* variables).</summary>
    public const string EditingAgent = """[sh, -c, 'echo "$FANOUT_TASK by $FANOUT_BRANCH" > "done-$FANOUT_TASK.txt"']""";

    public static string Plan(int tasks, string agentCommand = EditingAgent, string? test = null, string? extraTasks = null, Func<int, string>? taskExtra = null)
    {
        var text = new StringBuilder();
        text.AppendLine("name: test-plan");
        text.AppendLine("agent: edit");
        text.AppendLine("agents:");
        text.AppendLine("  edit:");
        text.AppendLine($"    command: {agentCommand}");
        text.AppendLine("    timeout: 2m");
        if (test is not null)
        {
            text.AppendLine($"test: {test}");
        }

        text.AppendLine("tasks:");
        for (var i = 1; i <= tasks; i++)
        {
            text.AppendLine($"  - id: task-{i}");
            text.AppendLine($"    title: Task number {i}");
            text.AppendLine($"    prompt: Write done-task-{i}.txt");
            if (taskExtra?.Invoke(i) is { Length: > 0 } extra)
            {
                text.AppendLine(extra);
            }
        }

        if (extraTasks is not null)
        {
            text.Append(extraTasks);
        }

        return text.ToString();
    }
}
