using Kingsnake.Core.Auditing;

namespace Kingsnake.Cli;

/// <summary>The process exit codes CI systems rely on.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above <c>--fail-on</c>.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>
    /// The run could not be done as asked (a <see cref="RunFailedException"/>: usage, configuration, no advisory
    /// database), or <c>--strict</c> and an input could not be read. Input errors alone do not make it.
    /// </summary>
    public const int Error = 2;
}

/// <summary>Bad arguments, or a file the command line names that cannot be used; the message is the one-line reason printed on stderr.</summary>
public sealed class UsageException : RunFailedException
{
    public UsageException(string message) : base(message) { }

    public UsageException() { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
