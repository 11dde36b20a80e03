using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Shell;

/// <summary>Text that <c>shlex.split</c> refuses (an unclosed quote, a trailing backslash), with the 1-based column of the fault.</summary>
public sealed class ShellSyntaxException : InputFormatException
{
    public ShellSyntaxException(string message, int offset)
        : base(message, 0, offset + 1)
    {
        Offset = offset;
    }

    public ShellSyntaxException() : this("malformed shell text", 0) { }

    public ShellSyntaxException(string message) : this(message, 0) { }

    public ShellSyntaxException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The 0-based offset in the split text where the fault was found.</summary>
    public int Offset { get; }
}
