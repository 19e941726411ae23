using System.Globalization;

using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Typed values shared by agents and tasks: durations, retry counts, switches.</summary>
internal static class FanoutValues
{
    public const int MaxRetries = 10;

    public static TimeSpan? Timeout(YamlNode? node, NodeReader reader, string owner)
    {
        var text = reader.String(node, $"'timeout' of {owner}");
        if (text is null)
        {
            return null;
        }

        if (Durations.TryParse(text, out var timeout) && timeout > TimeSpan.Zero)
        {
            return timeout;
        }

        reader.Error(node!, $"timeout '{text}' of {owner} is not a duration; write seconds (90) or units such as 30s, 10m, 1h30m");
        return null;
    }

    public static int? Retries(YamlNode? node, NodeReader reader, string owner)
    {
        var text = reader.String(node, $"'retries' of {owner}");
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxRetries)
        {
            return value;
        }

        reader.Error(node!, $"retries '{text}' of {owner} must be a whole number from 0 to {MaxRetries}");
        return null;
    }

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
