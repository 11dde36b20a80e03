namespace Kingsnake.Core.Findings;

/// <summary>
/// An input that could not be read as asked (malformed file, unreadable directory, over a limit).
/// The run goes on with the other inputs; the error is reported beside the findings. It does not decide the exit
/// code (unless the user asks for <c>--strict</c>): a run that cannot go on at all throws
/// <see cref="Auditing.RunFailedException"/> instead.
/// </summary>
public sealed record InputError(SourceSpan Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>Something worth telling the user that is neither a finding nor an error (an option pip accepts but that names no dependency, say).</summary>
public sealed record InputNote(SourceSpan Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>Thrown by readers for malformed input; carries the line and column of the fault.</summary>
public class InputFormatException : Exception
{
    public InputFormatException(string message, int line = 0, int column = 0, Exception? inner = null)
        : base(message, inner)
    {
        Line = line;
        Column = column;
    }

    public InputFormatException() : this("malformed input") { }

    public InputFormatException(string message) : this(message, 0, 0) { }

    public InputFormatException(string message, Exception inner) : this(message, 0, 0, inner) { }

    public int Line { get; }

    public int Column { get; }

    public InputError ToError(string path) => new(new SourceSpan(path, Line, Line > 0 ? Math.Max(1, Column) : 0), Message);
}

/// <summary>
/// The text is not a TOML document at all (as opposed to valid TOML with unexpected content): callers that read one
/// file for several purposes (pyproject.toml holds both dependencies and settings) tell the two apart by this type.
/// </summary>
public sealed class TomlSyntaxException : InputFormatException
{
    public TomlSyntaxException(string message, int line = 0, int column = 0, Exception? inner = null)
        : base(message, line, column, inner)
    {
    }

    public TomlSyntaxException() { }

    public TomlSyntaxException(string message) : base(message) { }

    public TomlSyntaxException(string message, Exception inner) : base(message, inner) { }
}
