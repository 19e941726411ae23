namespace Fanout.Trackers;

/// <summary>Typed tracker failures, so one place can tell the user what happened and what to do.</summary>
public class TrackerException : Exception
{
    public TrackerException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

public sealed class TrackerNotFoundException(string message) : TrackerException(message);

public sealed class TrackerValidationException(string message) : TrackerException(message);

public sealed class TrackerRateLimitedException(string message, DateTimeOffset resetAt) : TrackerException(message)
{
    public DateTimeOffset ResetAt { get; } = resetAt;
}
