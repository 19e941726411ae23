using System.Text;

namespace Fanout.Plans;

/// <summary>The commented <c>fanout.yaml</c> that <c>fanout init</c> writes.</summary>
public static class StarterPlan
{
    /// <summary>The starter plan for a project: its setup and test commands, its local files, and a preset agent that gets the prompt without reading outside the worktree.</summary>
    public static string Render(string planName, string baseBranch, ProjectProfile? project = null, string agent = "claude")
    {
        ArgumentNullException.ThrowIfNull(planName);
        ArgumentNullException.ThrowIfNull(baseBranch);
        ArgumentNullException.ThrowIfNull(agent);
        if (!BuiltInAgents.Names.Contains(agent))
        {
            throw new ArgumentException($"'{agent}' is not a preset; use one of: {string.Join(", ", BuiltInAgents.Names)}", nameof(agent));
        }

        project ??= new ProjectProfile("unknown", null, null, []);
        return Template
            .Replace("{{name}}", Quote(planName), StringComparison.Ordinal)
            .Replace("{{base}}", Quote(baseBranch), StringComparison.Ordinal)
            .Replace("{{agent}}", agent, StringComparison.Ordinal)
            .Replace("{{kind}}", project.Kind == "unknown" ? "no build system was recognised" : $"detected: {project.Kind}", StringComparison.Ordinal)
            .Replace("{{setup}}", project.Setup is { } setup ? $"setup: {Quote(setup)}" : "# setup: npm ci", StringComparison.Ordinal)
            .Replace("{{test}}", project.Test is { } test ? $"test: {Quote(test)}" : "# test: npm test", StringComparison.Ordinal)
            .Replace("{{include}}", project.Include.Count > 0 ? $"include: [{string.Join(", ", project.Include.Select(Quote))}]" : "# include: [.env, .env.local]", StringComparison.Ordinal)
            .Replace("{{pool}}", FanoutPlanReader.Knows("pool") ? "pool: auto" : "# pool: auto", StringComparison.Ordinal);
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
        # aider) or a name defined under agents. A preset hands the agent its prompt
        # directly (claude and codex on stdin), runs it in the task's worktree and
        # reads its progress; `fanout doctor` says whether it is installed.
        agent: {{agent}}

        # Preset options, e.g. for claude: permissionMode, model, maxTurns, allowedTools.
        # agents:
        #   claude:
        #     options: {model: sonnet}
        #     timeout: 30m
        #   mine:
        #     # A list runs as argv (no shell). In a list, {task} {prompt_file}
        #     # {worktree} {issue} {branch} are replaced by the task's values.
        #     command: [./scripts/my-agent.sh, "{prompt_file}"]

        # The project's own commands ({{kind}}).
        # setup runs in each new worktree before its agent starts; test runs after the
        # agent finishes, and the task fails if it fails. A string runs with `sh -c`
        # and receives task data only as FANOUT_* environment variables, never spliced
        # into the text, so a task title can never become shell code.
        {{setup}}
        {{test}}

        # Files (globs) from your checkout that each worktree also needs, such as .env.
        {{include}}

        # Ready worktrees kept between runs, sized from the last run.
        {{pool}}

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
