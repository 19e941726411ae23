namespace Fanout.Core;

/// <summary>
/// The environment variables that carry credentials. Setup and test commands never get them; an
/// agent gets only its own vendor's keys, and others only when the plan passes them on purpose
/// (<c>passTrackerToken</c>, <c>passEnv</c>). The list is in the README, under "Secrets".
/// </summary>
public static class SecretVariables
{
    /// <summary>The GitHub tokens gh and Fanout's GitHub tracker read (github.com and GitHub Enterprise).</summary>
    public static IReadOnlyList<string> TrackerTokens { get; } = ["GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"];

    /// <summary>The keys of the agents' vendors: Anthropic (Claude Code), OpenAI (Codex), Google (Gemini CLI).</summary>
    public static IReadOnlyList<string> VendorKeys { get; } =
        ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "OPENAI_API_KEY", "CODEX_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"];

    /// <summary>
    /// The shared database's credentials on machines that run spread-out runs: Fanout's connection
    /// string (it may hold a password) and libpq's password. Never an agent's, not even with
    /// <c>passTrackerToken</c>.
    /// </summary>
    public static IReadOnlyList<string> DatabaseSecrets { get; } = ["FANOUT_DB", "PGPASSWORD"];

    /// <summary>
    /// Where credentials are handed out rather than the credentials themselves: the programs git and
    /// ssh ask for a password or token (an editor's helper answers them without the user seeing it),
    /// the file of a Google service account, and libpq's password file. Removed, but their values are paths, not secrets,
    /// so they are not redacted.
    /// </summary>
    public static IReadOnlyList<string> CredentialHelpers { get; } =
        ["GIT_ASKPASS", "SSH_ASKPASS", "VSCODE_GIT_ASKPASS_MAIN", "VSCODE_GIT_ASKPASS_NODE", "VSCODE_GIT_IPC_HANDLE", "GOOGLE_APPLICATION_CREDENTIALS", "PGPASSFILE"];

    /// <summary>Variables whose values are secrets: redacted wherever Fanout writes.</summary>
    public static IReadOnlyList<string> Tokens { get; } = [.. TrackerTokens, .. VendorKeys, .. DatabaseSecrets];

    /// <summary>Every variable removed from the environment of setup, agent and test commands.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Tokens, .. CredentialHelpers];

    /// <summary>Whether <paramref name="name"/> is a variable name a shell accepts (letters, digits, '_', not starting with a digit).</summary>
    public static bool IsVariableName(string name) =>
        !string.IsNullOrEmpty(name) && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
