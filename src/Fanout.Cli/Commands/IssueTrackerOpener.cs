using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Trackers;

namespace Fanout.Cli.Commands;

/// <summary>Opens the tracker `fanout issues` reads: --tracker, else the plan's (--plan, else the repository's fanout.yaml), else local.</summary>
internal sealed class IssueTrackerOpener(FanoutHost host)
{
    private readonly Option<string?> _repo = CommonOptions.Repo();
    private readonly Option<string?> _db = CommonOptions.Db();
    private readonly Option<string?> _tracker = CommonOptions.Tracker();
    private readonly Option<string?> _plan = new("--plan") { Description = "The plan whose 'tracker:' and 'github:' to use (default: fanout.yaml in the repository)", HelpName = "PLAN" };

    public void AddTo(Command command)
    {
        command.Options.Add(_repo);
        command.Options.Add(_db);
        command.Options.Add(_tracker);
        command.Options.Add(_plan);
    }

    public async Task<ITracker> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var session = await CommonOptions.SessionAsync(host, parse, _repo, cancellationToken, _db);
        var paths = session.Paths;
        var planFile = parse.GetValue(_plan) ?? Path.Combine(paths.Root, "fanout.yaml");
        var plan = parse.GetValue(_plan) is { } given
            ? PlanLoader.Load(given)
            : File.Exists(planFile)
            ? PlanLoader.LoadDefaults(planFile)
            : new Plan("issues", paths.Root, PlanFormat.Fanout, []);
        var choice = await session.Trackers.ChooseAsync(plan, parse.GetValue(_tracker), cancellationToken);
        if (choice.GitHub is null && session.Database is null && !File.Exists(paths.TrackerFile))
        {
            throw new UserInputException($"no issues in {paths.Root} yet; runs create them");
        }

        return await session.Trackers.OpenAsync(choice, TimeSpan.Zero, cancellationToken);
    }
}
