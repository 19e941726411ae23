using System.Security.Cryptography;

namespace Fanout.Orchestration;

/// <summary>Short run ids that go into branch and folder names, so two runs never collide.</summary>
public static class RunIds
{
    private const string Letters = "abcdefghijkmnpqrstuvwxyz";
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Six characters, a letter first (never a number, which could be read as an issue).</summary>
    public static string New() =>
        string.Concat(
            Letters[RandomNumberGenerator.GetInt32(Letters.Length)].ToString(),
            RandomNumberGenerator.GetString(Alphabet, 5));
}
