namespace Kingsnake.Cli;

/// <summary>The process exit codes CI systems rely on.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above <c>--fail-on</c>.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>The run could not be completed as asked: usage, unreadable input, no advisory database.</summary>
    public const int Error = 2;
}

/// <summary>Thrown for a run that cannot go on; the message is the one-line reason printed on stderr.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }

    public UsageException() { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
