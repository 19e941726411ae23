using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>What one git call returned, whatever its exit code; some exit codes are answers, not failures.</summary>
public sealed record GitResult(ProcessResult Process)
{
    public int ExitCode => Process.ExitCode;

    public bool Succeeded => Process.Succeeded;

    /// <summary>Standard output without its trailing newlines.</summary>
    public string Output => Process.StandardOutput.TrimEnd('\n');

    public string Error => Process.StandardError;

    public GitResult EnsureSuccess() => Succeeded ? this : throw ToException();

    /// <summary>The failure as a <see cref="GitException"/>: <c>git &lt;args&gt; failed (exit N): &lt;what git said&gt;</c>.</summary>
    public GitException ToException()
    {
        var said = Explanation(Process.StandardError);
        if (said.Length == 0)
        {
            // Some failures (commit with nothing staged) are explained on standard output.
            said = Explanation(Process.StandardOutput);
        }

        var what = Process.TimedOut ? $"timed out after {Process.Spec.Timeout}" : $"failed (exit {ExitCode})";
        var message = said.Length > 0 ? $"{Process.Spec.Display} {what}: {said}" : $"{Process.Spec.Display} {what}";
        return new GitException(message, Process);
    }

    /// <summary>git's last <c>fatal:</c> or <c>error:</c> line, else its last line: advice paragraphs follow the error itself.</summary>
    private static string Explanation(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal))
            ?? lines.LastOrDefault()
            ?? string.Empty;
    }
}
