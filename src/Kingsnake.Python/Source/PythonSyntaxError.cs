namespace Kingsnake.Python.Source;

/// <summary>
/// Code that is not valid Python (or not decodable). <see cref="Line"/> is 1-based; <see cref="Column"/> is the 0-based
/// UTF-8 byte column CPython uses internally (<see cref="SourceText.CharacterColumn"/> converts it).
/// </summary>
public sealed class PythonSyntaxError : Exception
{
    public PythonSyntaxError(string message, int line, int column, string kind = "SyntaxError")
        : base(message)
    {
        Line = line;
        Column = column;
        Kind = kind;
    }

    public PythonSyntaxError()
    {
        Kind = "SyntaxError";
    }

    public PythonSyntaxError(string message)
        : base(message)
    {
        Kind = "SyntaxError";
    }

    public PythonSyntaxError(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = "SyntaxError";
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>SyntaxError, IndentationError or TabError, as CPython would name it.</summary>
    public string Kind { get; }
}
