namespace Fanout.Fuzz.Tests;

/// <summary>Real inputs to start mutations from: the plans the plan tests use, the hostile corpus, recorded agent output.</summary>
internal static class Seeds
{
    private static string Folder(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Seeds", .. parts]);

    public static IReadOnlyList<string> FanoutPlans { get; } =
    [
        .. Directory.EnumerateFiles(Folder("Hostile"), "*.yaml").Select(File.ReadAllText).Where(t => t.Length < 64 * 1024),
        """
        name: login-overhaul
        base: main
        tracker: local
        agent: edit
        agents:
          edit:
            command: [sh, ./scripts/fake-agent.sh, "{task}", "{prompt_file}"]
            timeout: 10m
            env: {MODE: fast}
            passEnv: [OPENAI_API_KEY]
          claude: {options: {model: sonnet, maxTurns: 5, permissionMode: plan}}
        setup: npm ci
        test: [npm, test]
        include: [.env, .env.local, "config/**/*.json"]
        maxParallel: 20
        ports: {blockSize: 10}
        github: {repo: acme/widgets, minInterval: 1s, perMinute: 60}
        merge: {test: each}
        tasks:
          - id: api-client
            title: Add the API client
            prompt: |
              Write src/api/client.ts with ...
            files: [src/api/client.ts]
            acceptance: [it compiles]
            retries: 2
          - id: login-form
            title: Add the login form
            file: tasks/ok.md
            dependsOn: [api-client]
            conflictsWith: [api-client]
            labels: [frontend]
            timeout: 1h30m
        """,
    ];

    public static IReadOnlyList<string> ContextunePlans { get; } =
    [
        .. Directory.EnumerateFiles(Folder("Plans", "contextune"), "plan.yaml", SearchOption.AllDirectories).Select(File.ReadAllText),
        "metadata: {name: x}\ntasks:\n  - id: task-0\n    name: First\n    file: tasks/task-0.md\n    priority: high\n  - id: task-1\n    file: tasks/task-1.md\n    dependencies: [task-0]\n",
    ];

    public static IReadOnlyList<string> TaskFiles { get; } =
    [
        .. Directory.EnumerateFiles(Folder("Plans"), "*.md", SearchOption.AllDirectories).Select(File.ReadAllText),
        "---\nname: One\nstatus: open\ndepends_on: [2]\nparallel: false\nconflicts_with: [002]\n---\n# Task: One\n\nDo one.\n",
    ];

    /// <summary>Lines of Claude Code's stream-json and Codex's JSON output, recorded from the real CLIs.</summary>
    public static IReadOnlyList<string> AgentLines(string prefix) =>
    [
        .. Directory.EnumerateFiles(Folder("Agents"), prefix + "*.jsonl").SelectMany(File.ReadLines).Where(l => !l.StartsWith('#')),
    ];
}
