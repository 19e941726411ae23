using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Typed values shared by agents and tasks: durations, retry counts, switches.</summary>
internal static class FanoutValues
{
    public const int MaxRetries = 10;

    public static TimeSpan? Timeout(YamlNode? node, NodeReader reader, string owner) =>
        reader.Duration(node, new DurationRule($"timeout of {owner}", TimeSpan.FromSeconds(1), InputNumbers.MaxTimeout));

    public static int? Retries(YamlNode? node, NodeReader reader, string owner) =>
        (int?)reader.Whole(node, new WholeNumberRule($"retries of {owner}", 0, MaxRetries));

    public static bool Switch(YamlNode? node, NodeReader reader, string what)
    {
        var text = reader.String(node, what);
        switch (text)
        {
            case null or "false" or "no" or "off":
                return false;
            case "true" or "yes" or "on":
                return true;
            default:
                reader.Error(node!, $"{what} must be true or false, not '{text}'");
                return false;
        }
    }
}
