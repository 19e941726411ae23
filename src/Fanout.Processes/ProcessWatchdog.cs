using System.Diagnostics;

namespace Fanout.Processes;

/// <summary>
/// One small shell process per Fanout process that ends every isolated group still registered
/// when Fanout goes away, however it goes: its standard input is a pipe only Fanout writes, so a
/// SIGKILL closes it, and the watchdog, which ignores Ctrl+C and hangups, reads end of file.
/// </summary>
internal static class ProcessWatchdog
{
    // Builtins only: the loop must not start a process per message.
    private const string Script = """
        trap '' INT TERM HUP
        groups=' '
        while IFS= read -r line; do
          case "$line" in
            +*) groups="$groups${line#+} " ;;
            -*) kept=' '; for g in $groups; do [ "$g" = "${line#-}" ] || kept="$kept$g "; done; groups=$kept ;;
          esac
        done
        for g in $groups; do kill -KILL -- "-$g" 2>/dev/null; done
        """;

    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Registered = [];
    private static Process? _watchdog;

    public static void Register(int leader) => Send(leader, '+');

    public static void Unregister(int leader) => Send(leader, '-');

    private static void Send(int leader, char sign)
    {
        lock (Gate)
        {
            var changed = sign == '+' ? Registered.Add(leader) : Registered.Remove(leader);
            if (!changed || Start() is not { } watchdog)
            {
                return;
            }

            try
            {
                watchdog.StandardInput.WriteLine($"{sign}{leader}");
                if (sign == '+')
                {
                    Prune(watchdog);
                }
            }
            catch (IOException)
            {
                // The watchdog is gone; groups are still ended on cancel and timeout, and by resume.
                _watchdog = null;
            }
        }
    }

    /// <summary>Groups whose every process has exited are forgotten, so a reused id is never ended.</summary>
    private static void Prune(Process watchdog)
    {
        foreach (var gone in Registered.Where(g => !ProcessGroups.Alive(g)).ToArray())
        {
            Registered.Remove(gone);
            watchdog.StandardInput.WriteLine($"-{gone}");
        }
    }

    private static Process? Start()
    {
        if (_watchdog is { HasExited: false } running)
        {
            return running;
        }

        var info = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        try
        {
            _watchdog = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        _watchdog!.StandardInput.AutoFlush = true;
        foreach (var group in Registered)
        {
            _watchdog.StandardInput.WriteLine($"+{group}");
        }

        return _watchdog;
    }
}
