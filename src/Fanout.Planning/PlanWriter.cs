using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;

namespace Fanout.Planning;

/// <summary>What <c>fanout plan GOAL</c> made: the plan's text and the plan the loader read from it.</summary>
public sealed record WrittenPlan(string Text, Plan Plan, int Attempts);

/// <summary>
/// <c>fanout plan GOAL</c>: asks the planner, renders its answer as a <c>fanout.yaml</c> under the
/// project's defaults, and checks it with the plan loader; a plan the loader refuses goes back to
/// the planner with the loader's errors, up to the request's attempts.
/// </summary>
public sealed class PlanWriter(IProcessRunner runner, TimeProvider time)
{
    /// <param name="planPath">Where the plan will be written: errors name it, and <c>file:</c> paths resolve beside it.</param>
    /// <param name="folder">Where the planner's prompts and log go.</param>
    /// <exception cref="UserInputException">The planner's last answer is still not a valid plan, with the loader's errors.</exception>
    public async Task<WrittenPlan> WriteAsync(PlanningRequest request, PlannerAgent agent, PlanningDefaults defaults, string planPath, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(defaults);
        PlanningFeedback? feedback = null;
        IReadOnlyList<InputProblem> problems = [];
        for (var attempt = 1; attempt <= Math.Max(1, request.Attempts); attempt++)
        {
            var answer = await PlannerRun.RunAsync(agent, runner, request, feedback, folder, attempt, null, cancellationToken);
            if (answer.Failure is { } failure)
            {
                throw new PlanningFailedException($"{failure} (log: {Path.Combine(folder, "planner.log")})");
            }

            var text = PlanYaml.Render(PlanYaml.NameOf(request.Goal), request.Goal, defaults.Text, answer.Tasks, time.GetUtcNow());
            try
            {
                return new WrittenPlan(text, PlanLoader.LoadText(text, planPath), attempt);
            }
            catch (UserInputException refused)
            {
                problems = refused.Problems;
                feedback = new PlanningFeedback(text, [.. problems.Select(p => p.ToString())]);
            }
        }

        throw new UserInputException(
            [new InputProblem(null, $"the planner's plan is still not valid after {request.Attempts} attempt(s); its last answer's problems follow (log: {Path.Combine(folder, "planner.log")})"), .. problems]);
    }
}

/// <summary>The planner itself failed: it exited, timed out or gave no task. Not the user's input: exit code 1.</summary>
public sealed class PlanningFailedException : Exception
{
    public PlanningFailedException()
    {
    }

    public PlanningFailedException(string message)
        : base(message)
    {
    }

    public PlanningFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
