using System.CommandLine;

using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string?> Repo() => new("--repo") { Description = "The git repository (default: the current directory)", HelpName = "DIR" };

    public static Option<bool> Json(string description) => new("--json") { Description = description };

    public static Option<string?> Run() => new("--run") { Description = "A run id (default: the latest run)", HelpName = "RUN" };

    public static Option<string?> Tracker()
    {
        var option = new Option<string?>("--tracker") { Description = "local or github (default: the plan's 'tracker:')", HelpName = "NAME" };
        option.AcceptOnlyFromAmong("local", "github");
        return option;
    }

    /// <summary>The PLAN argument of commands that run or check a plan; without it the plan is found (see <see cref="PlanDiscovery"/>).</summary>
    public static Argument<string?> PlanArgument() => new("PLAN")
    {
        Description = "fanout.yaml, a Contextune plan.yaml, a ccpm epic, or a folder holding one (default: ./fanout.yaml, then .parallel/plans/plan.yaml, then the one ccpm epic)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The plan named on the command line, else the one found in the repository folder (<c>--repo</c>) or the current directory.</summary>
    public static string PlanPath(ParseResult parse, Argument<string?> plan, Option<string?>? repo = null) =>
        parse.GetValue(plan) ?? PlanDiscovery.Discover(repo is null ? null : parse.GetValue(repo));


    /// <summary>The shared database of runs spread over machines; never echoed, since it may hold a password.</summary>
    public static Option<string?> Db() => new("--db")
    {
        Description = "The PostgreSQL database runs are journaled in, shared by machines: an Npgsql connection string or a postgres:// URL (default: FANOUT_DB; neither: the repository's own SQLite journal)",
        HelpName = "CONNSTRING",
    };

    /// <summary>The session of the repository <c>--repo</c> names, else of the current directory's; with <paramref name="db"/>, journaled in that database.</summary>
    public static Task<FanoutSession> SessionAsync(FanoutHost host, ParseResult parse, Option<string?> repo, CancellationToken cancellationToken, Option<string?>? db = null) =>
        FanoutSession.OpenAsync(WithDatabase(host, parse, db), parse.GetValue(repo), cancellationToken);

    /// <summary>The host with <c>--db</c> applied, when the command has it and it was given.</summary>
    public static FanoutHost WithDatabase(FanoutHost host, ParseResult parse, Option<string?>? db) =>
        db is not null && parse.GetValue(db) is { Length: > 0 } connection ? host with { Database = connection } : host;
}
