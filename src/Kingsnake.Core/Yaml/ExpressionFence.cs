namespace Kingsnake.Core.Yaml;

/// <summary>
/// Where a GitHub Actions <c>${{ … }}</c> fence closes. It lives beside the YAML reader because scalar layouts index
/// the fences of each scalar; the expression language itself is the workflow area's.
/// </summary>
public static class ExpressionFence
{
    /// <summary>The offset of the <c>}}</c> that closes a fence whose expression starts at <paramref name="from"/>, or -1.</summary>
    public static int FindClose(ReadOnlySpan<char> text, int from)
    {
        var inString = false;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inString = !inString; // '' (an escaped quote) toggles twice, which is right
            }
            else if (!inString && c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i;
            }
        }

        return -1;
    }
}
