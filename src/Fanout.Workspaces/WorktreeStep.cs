namespace Fanout.Workspaces;

/// <summary>
/// One timed step of making a worktree: waiting for the worktree lock, the metadata step under it,
/// waiting for a checkout slot, the checkout. Whoever asks for a trace (the bench) gets one per step.
/// </summary>
public sealed record WorktreeStep(string Path, string Name, DateTimeOffset Start, DateTimeOffset End)
{
    public const string LockWait = "lock wait";

    public const string Metadata = "metadata";

    public const string CheckoutWait = "checkout wait";

    public const string Checkout = "checkout";

    public TimeSpan Duration => End - Start;
}
