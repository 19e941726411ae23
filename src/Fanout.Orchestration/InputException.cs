namespace Fanout.Orchestration;

/// <summary>Bad input (flags, repository state) found before anything was created; exit code 2.</summary>
public sealed class InputException(string message) : Exception(message);
