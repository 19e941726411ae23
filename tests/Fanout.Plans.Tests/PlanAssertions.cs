using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

namespace Fanout.Plans.Tests;

internal static class PlanAssertions
{
    /// <summary>Writes <paramref name="yaml"/> as fanout.yaml and returns the errors loading it reports.</summary>
    public static IReadOnlyList<InputProblem> LoadErrors(this TempDirectory folder, string yaml, PlanLoadOptions? options = null)
    {
        var path = folder.Write("fanout.yaml", yaml);
        return Should.Throw<UserInputException>(() => PlanLoader.Load(path, options)).Problems;
    }

    public static Plan LoadPlan(this TempDirectory folder, string yaml, PlanLoadOptions? options = null) =>
        PlanLoader.Load(folder.Write("fanout.yaml", yaml), options);

    /// <summary>The one error loading reported, checked for its line, column and message.</summary>
    public static InputProblem ShouldBeSingle(this IReadOnlyList<InputProblem> errors, int line, int column, string message)
    {
        errors.Count.ShouldBe(1, string.Join('\n', errors));
        return errors[0].ShouldBeAt(line, column, message);
    }

    public static InputProblem ShouldBeAt(this InputProblem error, int line, int column, string message)
    {
        (error.Position!.Line, error.Position!.Column).ShouldBe((line, column), error.ToString());
        error.Message.ShouldBe(message);
        return error;
    }
}
