using System.CommandLine;

using Fanout.Orchestration.Session;

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

    /// <summary>The session of the repository <c>--repo</c> names, else of the current directory's.</summary>
    public static Task<FanoutSession> SessionAsync(FanoutHost host, ParseResult parse, Option<string?> repo, CancellationToken cancellationToken) =>
        FanoutSession.OpenAsync(host, parse.GetValue(repo), cancellationToken);
}
