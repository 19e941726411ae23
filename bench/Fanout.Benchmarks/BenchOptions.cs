using System.Globalization;

namespace Fanout.Benchmarks;

internal sealed record BenchOptions(int Files, IReadOnlyList<int> Tasks, int Repeat)
{
    /// <summary>Idle seconds before each measurement, so a disk that throttles after bursts starts each one rested.</summary>
    public int Settle { get; init; }

    public static bool TryParse(string[] args, out BenchOptions options, out string problem)
    {
        options = new BenchOptions(5000, [10, 20, 50], 3);
        problem = string.Empty;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                problem = $"{args[i]} needs a value";
                return false;
            }

            switch (args[i])
            {
                case "--files" when Positive(value, out var files):
                    options = options with { Files = files };
                    break;
                case "--settle" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var settle):
                    options = options with { Settle = settle };
                    break;
                case "--repeat" when Positive(value, out var repeat):
                    options = options with { Repeat = repeat };
                    break;
                case "--tasks" when value.Split(',').All(v => Positive(v, out _)):
                    options = options with { Tasks = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() };
                    break;
                default:
                    problem = $"unknown option or bad value: {args[i]} {value}";
                    return false;
            }
        }

        return true;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
