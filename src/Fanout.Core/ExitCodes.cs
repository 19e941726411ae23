namespace Fanout.Core;

/// <summary>The exit codes of DESIGN.md's contract, which users' scripts rely on.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int TaskFailed = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;
}
