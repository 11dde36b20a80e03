using System.Text;

namespace Kingsnake.Packaging.Requirements;

/// <summary>
/// Why a dependency specifier or marker did not parse: a message and the span of the source it is about
/// (0-based character offsets, <see cref="End"/> exclusive). <see cref="ToString"/> renders it the way
/// packaging's <c>ParserSyntaxError</c> does: the message, the source, and a <c>~~~^</c> line under the span.
/// </summary>
public sealed record PackagingSyntaxError(string Message, string Source, int Start, int End)
{
    /// <summary>1-based column of the start of the span.</summary>
    public int Column => Start + 1;

    public override string ToString()
    {
        var builder = new StringBuilder(Message.Length + (2 * Source.Length) + 16);
        builder.Append(Message).Append("\n    ").Append(Source).Append("\n    ");
        builder.Append(' ', Start).Append('~', Math.Max(0, End - Start)).Append('^');
        return builder.ToString();
    }
}
