using System.Text.RegularExpressions;

using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads the <c>github:</c> section of a <c>fanout.yaml</c>, each wrong value pointed at where it is.</summary>
internal static partial class FanoutGitHubReader
{
    private static readonly string[] Keys = ["repo", "baseUrl", "minInterval", "perMinute", "perHour"];

    public static GitHubSettings? Read(YamlNode? node, NodeReader reader)
    {
        if (NodeReader.IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node!, "'github' must be a mapping such as {repo: owner/name}");
            return null;
        }

        var fields = reader.Fields(mapping, Keys, "in 'github'");
        return new GitHubSettings
        {
            Repository = Repository(fields["repo"], reader),
            BaseUrl = BaseUrl(fields["baseUrl"], reader),
            MinInterval = Interval(fields["minInterval"], reader),
            PerMinute = Count(fields["perMinute"], "perMinute", reader),
            PerHour = Count(fields["perHour"], "perHour", reader),
            Position = reader.Source.At(node!),
        };
    }

    private static string? Repository(YamlNode? node, NodeReader reader)
    {
        var text = reader.String(node, "'github.repo'");
        if (text is null || OwnerName().IsMatch(text))
        {
            return text;
        }

        reader.Error(node!, $"github.repo '{text}' is not owner/name (for example acme/widgets)");
        return null;
    }

    private static Uri? BaseUrl(YamlNode? node, NodeReader reader)
    {
        var text = reader.String(node, "'github.baseUrl'");
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            return uri;
        }

        reader.Error(node!, $"github.baseUrl '{text}' is not an http(s) URL; GitHub Enterprise's is https://HOST/api/v3/");
        return null;
    }

    private static TimeSpan? Interval(YamlNode? node, NodeReader reader) =>
        reader.Duration(node, new DurationRule("github.minInterval", TimeSpan.Zero, TimeSpan.FromMinutes(10)));

    // Wide bounds: a server without GitHub's limits (Enterprise, a simulation) is paced off with a huge number.
    private static int? Count(YamlNode? node, string key, NodeReader reader) =>
        (int?)reader.Whole(node, new WholeNumberRule($"github.{key}", 1, key == "perHour" ? 100_000_000 : 1_000_000));

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerName();
}
