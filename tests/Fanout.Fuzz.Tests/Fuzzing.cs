using System.Diagnostics;
using System.Globalization;
using System.Text;

using CsCheck;

using Fanout.Core;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Fuzz.Tests;

/// <summary>
/// The fuzz run: every parser of outside input, fed generated and mutated text for a bounded time.
/// A finding is an exception other than <see cref="UserInputException"/> (readers of agent output may
/// throw none at all), a parse over <see cref="MaxTime"/>, or more than <see cref="MaxBytes"/> allocated.
/// The whole run takes <see cref="TotalSeconds"/> (60 s; FANOUT_FUZZ_SECONDS raises it for long local runs).
/// CsCheck prints the seed of a failing input; CsCheck_Seed=SEED replays it.
/// </summary>
internal static class Fuzzing
{
    public const string Collection = "fuzz: one property at a time, so their time shares add up";

    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(1);

    public const long MaxBytes = 256L * 1024 * 1024;

    public static int TotalSeconds =>
        int.TryParse(Environment.GetEnvironmentVariable("FANOUT_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 60;

    /// <summary>Samples <paramref name="gen"/> for its share of the run, checking each input for findings, and says how many it tried.</summary>
    public static void Run<T>(ITestOutputHelper output, string name, double share, Gen<T> gen, Action<T> parse, bool anyErrorIsAFinding = false, Func<T, string>? print = null)
    {
        var seconds = Math.Max(1, (int)Math.Round(TotalSeconds * share));
        var iterations = 0L;
        var watch = Stopwatch.StartNew();
        gen.Sample(
            input =>
            {
                Interlocked.Increment(ref iterations);
                Check(() => parse(input), anyErrorIsAFinding);
            },
            writeLine: output.WriteLine,
            time: seconds,
            threads: 1,
            print: print);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {name}: {iterations} inputs in {watch.Elapsed.TotalSeconds:F1} s, no finding"));
    }

    /// <summary>Runs one parse; throws (so CsCheck shrinks the input and prints its seed) on a finding.</summary>
    public static void Check(Action parse, bool anyErrorIsAFinding)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        try
        {
            parse();
        }
        catch (UserInputException) when (!anyErrorIsAFinding)
        {
            // The documented refusal.
        }

        watch.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        if (watch.Elapsed > MaxTime && SlowEveryTime(parse, Retimes))
        {
            throw new FuzzFindingException($"the parse took {watch.Elapsed.TotalSeconds:F2} s, over {MaxTime.TotalSeconds:0} s, and again each of {Retimes} more times");
        }

        if (bytes > MaxBytes)
        {
            throw new FuzzFindingException($"the parse allocated {bytes / (1024 * 1024)} MB, over {MaxBytes / (1024 * 1024)} MB");
        }
    }

    /// <summary>Times a slow parse is run again before it counts: a shared machine can stall one parse, a slow parser is slow every time.</summary>
    private const int Retimes = 2;

    private static bool SlowEveryTime(Action parse, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                parse();
            }
            catch (UserInputException)
            {
                // Refused as documented; only the time counts here.
            }

            if (watch.Elapsed <= MaxTime)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Text for a failure message: escaped and cut, so a megabyte input does not drown the seed.</summary>
    public static string Print(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text.Take(2000))
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c > '~' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return $"{text.Length} chars: \"{escaped}{(text.Length > 2000 ? "..." : string.Empty)}\"";
    }
}

/// <summary>What the fuzzer reports that is not an exception of the parser's own: too slow, too much memory.</summary>
public sealed class FuzzFindingException(string message) : Exception(message);

[CollectionDefinition(Fuzzing.Collection, DisableParallelization = true)]
public sealed class FuzzRun;
