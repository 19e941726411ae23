using System.Text;

namespace Fanout.Plans;

/// <summary>The commented <c>fanout.yaml</c> that <c>fanout init</c> writes.</summary>
public static class StarterPlan
{
    public static string Render(string planName, string baseBranch)
    {
        ArgumentNullException.ThrowIfNull(planName);
        ArgumentNullException.ThrowIfNull(baseBranch);
        return Template
            .Replace("{{name}}", Quote(planName), StringComparison.Ordinal)
            .Replace("{{base}}", Quote(baseBranch), StringComparison.Ordinal);
    }

    // Double-quoted YAML, so a name such as "yes", "1.0" or "a: b" stays a plain string.
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private const string Template = """
        # Fanout plan. Every task gets its own tracker issue, git worktree, branch and
        # agent; tasks that do not depend on each other run in parallel.
        # Check this file with `fanout plan check`, then start it with `fanout run`.

        # The plan's name, shown in status and reports.
        name: {{name}}

        # Branch or commit every task's branch starts from.
        base: {{base}}

        # Where task issues live: local (kept under .git/fanout, nothing leaves the
        # machine) or github (the repository's GitHub issues).
        tracker: local

        # The agent for tasks that do not name one: a preset (claude, codex, gemini,
        # aider) or a name defined under agents below.
        agent: edit

        agents:
          edit:
            # A list runs as argv (no shell). In a list, {task} {prompt_file} {worktree}
            # {issue} {branch} are replaced by the task's values. Replace this with the
            # command that runs your agent in the task's worktree.
            command: [claude, --print, --permission-mode, acceptEdits, "Do the task described in {prompt_file}."]
            # Stop the agent after this long: 90 (seconds), 30s, 10m, 1h, 1h30m.
            timeout: 30m
            # Extra environment variables for the agent.
            # env: {MY_SETTING: value}

        # Runs in each new worktree before its agent starts. A string runs with `sh -c`
        # and receives task data only as FANOUT_* environment variables, never spliced
        # into the text, so a task title can never become shell code. A list runs as
        # argv and substitutes the placeholders above.
        # setup: npm ci

        # Runs in the worktree after the agent finishes; the task fails if it fails.
        # Same rules as setup.
        # test: npm test

        # Files (globs) from your checkout that each worktree also needs, such as .env.
        # include: [.env, .env.local]

        # At most this many tasks run at once.
        maxParallel: 4

        tasks:
          # id: short and unique; it becomes part of the task's branch and file names.
          # title: one line for the issue; defaults to the id.
          # prompt: what the agent is asked to do. Instead of prompt, file: names a
          # Markdown file holding it, relative to this file.
          - id: readme-usage
            title: Document how to use the project
            prompt: |
              Add a "Usage" section to README.md that shows how to build, test and
              run this project, with one example per command.

          # dependsOn: ids of tasks that must finish first. Other keys: agent, labels,
          # priority, and setup / test to override the plan's.
          - id: contributing-guide
            title: Add a contributing guide
            dependsOn: [readme-usage]
            labels: [docs]
            prompt: |
              Write CONTRIBUTING.md: how to set up a development checkout, run the
              tests, and propose a change. Link to it from the Usage section of README.md.

        """;
}
