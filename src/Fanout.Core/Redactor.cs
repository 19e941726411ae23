using System.Text.RegularExpressions;

namespace Fanout.Core;

/// <summary>
/// Replaces secrets in text Fanout writes for people or keeps as a record: token-shaped values
/// (GitHub's <c>ghp_</c>, <c>gho_</c>, <c>ghs_</c>, <c>ghu_</c>, <c>ghr_</c> and <c>github_pat_</c>;
/// Anthropic's <c>sk-ant-</c>; OpenAI's <c>sk-</c> and <c>sk-proj-</c>) and the exact values of
/// <see cref="SecretVariables.Tokens"/> set in the environment. A token keeps its prefix, so a reader
/// can still tell which kind leaked.
/// </summary>
public sealed partial class Redactor
{
    public const string Mark = "[redacted]";

    /// <summary>Shorter values are not treated as secrets: redacting "1" everywhere would garble every line.</summary>
    public const int MinSecretLength = 8;

    private readonly string[] _values;

    public Redactor(IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(secretValues);

        // Longest first, so a value that contains another is replaced whole.
        _values = [.. secretValues.Select(v => v.Trim()).Where(v => v.Length >= MinSecretLength).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
    }

    /// <summary>Only token shapes; no environment values.</summary>
    public static Redactor Shapes { get; } = new([]);

    /// <summary>The token shapes and the values of the secret variables <paramref name="lookup"/> finds.</summary>
    public static Redactor FromEnvironment(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new Redactor(SecretVariables.Tokens.Select(lookup).OfType<string>());
    }

    /// <summary>The token shapes and the values of the secret variables set in this process.</summary>
    public static Redactor FromProcess() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>The text with every secret replaced; the same instance when there is none.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var value in _values)
        {
            if (result.Contains(value, StringComparison.Ordinal))
            {
                result = result.Replace(value, Mark, StringComparison.Ordinal);
            }
        }

        return MightHoldToken(result) && TokenShape().IsMatch(result) ? TokenShape().Replace(result, m => m.Groups["prefix"].Value + Mark) : result;
    }

    /// <summary>Null stays null.</summary>
    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    // The regular expression runs only on text that has a prefix at all: most lines have none.
    private static bool MightHoldToken(string text) =>
        text.Contains("gh", StringComparison.Ordinal) || text.Contains("sk-", StringComparison.Ordinal);

    [GeneratedRegex(
        @"(?<![A-Za-z0-9_])(?:(?<prefix>gh[pousr]_)[A-Za-z0-9]{30,}|(?<prefix>github_pat_)[A-Za-z0-9_]{22,}|(?<prefix>sk-ant-)[A-Za-z0-9_\-]{20,}|(?<prefix>sk-(?:proj|svcacct|admin)-)[A-Za-z0-9_\-]{20,}|(?<prefix>sk-)[A-Za-z0-9]{32,})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TokenShape();
}
