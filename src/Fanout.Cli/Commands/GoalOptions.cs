using System.CommandLine;

using Fanout.Core;
using Fanout.Planning;

namespace Fanout.Cli.Commands;

/// <summary>The flags of <c>fanout run --goal</c>: predictive spawning, the plan written while its tasks start.</summary>
internal sealed record GoalOptions(Option<string?> Goal, Option<string?> Planner, Option<int?> Warm, Option<string[]> Context, Option<string?> AskTimeout)
{
    public static GoalOptions Create() => new(
        new Option<string?>("--goal") { Description = "Plan from this goal with a planning agent and start each task the moment it is written (instead of PLAN)", HelpName = "GOAL" },
        new Option<string?>("--planner") { Description = "With --goal: the planning agent, claude (default) or an agent with a command under 'agents:'", HelpName = "NAME" },
        new Option<int?>("--warm") { Description = $"With --goal: pooled worktrees to warm while the planner thinks (default: the pool's target, else {GoalRunOptions.DefaultWarm}; 0 warms none)", HelpName = "N" },
        new Option<string[]>("--context") { Description = "With --goal: files the planner should read first", HelpName = "FILE", AllowMultipleArgumentsPerToken = true },
        new Option<string?>("--ask-timeout") { Description = "How long an agent's question waits for an answer before it is told to use its judgement (default 10m)", HelpName = "DURATION" });

    /// <summary>What a goal run cannot do, refused before anything is made.</summary>
    public void Refuse(ParseResult parse, Argument<string?> plan, Option<string> strategy, Option<bool> dryRun, Option<bool> merge, Option<bool> pullRequests)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(plan) is { } given)
        {
            throw new UserInputException($"give either PLAN ('{given}') or --goal, not both");
        }

        if (parse.GetValue(strategy) is { } chosen && chosen != "overlap")
        {
            throw new UserInputException($"--goal runs with the overlap strategy; --strategy {chosen} needs a written plan ('fanout plan GOAL' writes one)");
        }

        var unsupported = new[] { (parse.GetValue(dryRun), "--dry-run"), (parse.GetValue(merge), "--merge"), (parse.GetValue(pullRequests), "--pr") }.FirstOrDefault(u => u.Item1).Item2;
        if (unsupported is not null)
        {
            throw new UserInputException($"{unsupported} is not available with --goal; write the plan first with 'fanout plan GOAL', then 'fanout run fanout.yaml {unsupported}'");
        }

        if (parse.GetValue(Warm) is < 0)
        {
            throw new UserInputException($"--warm must be 0 or more (got {parse.GetValue(Warm)})");
        }
    }

    public GoalRunOptions Read(ParseResult parse, string goal, Option<string?> agent, Option<string?> tracker, Option<int?> maxParallel)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new GoalRunOptions(goal)
        {
            Planner = parse.GetValue(Planner) ?? "claude",
            Agent = parse.GetValue(agent),
            Tracker = parse.GetValue(tracker),
            MaxParallel = parse.GetValue(maxParallel),
            Warm = parse.GetValue(Warm),
            Context = [.. (parse.GetValue(Context) ?? []).Select(Path.GetFullPath)],
            AskTimeout = McpCommand.AskTimeout(parse.GetValue(AskTimeout)),
        };
    }
}
