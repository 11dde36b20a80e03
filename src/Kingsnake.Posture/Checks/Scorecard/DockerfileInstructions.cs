using System.Text.Json;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>One instruction of a Dockerfile: its keyword (upper case), its arguments as written, the line it starts on.</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments, int Line);

/// <summary>
/// The instructions of a Dockerfile, as BuildKit's parser splits them: a <c># escape=</c> directive, line
/// continuations with the escape character, comment lines dropped (inside continuations too). Enough for the
/// <c>FROM</c> images and <c>RUN</c> scripts Pinned-Dependencies reads.
/// </summary>
internal static class DockerfileInstructions
{
    public static List<DockerfileInstruction> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';
        var instructions = new List<DockerfileInstruction>();
        var current = new List<string>();
        var startLine = 0;
        var directives = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (directives && trimmed.StartsWith('#'))
            {
                var directive = trimmed[1..].Trim();
                if (directive.StartsWith("escape=", StringComparison.OrdinalIgnoreCase) && directive.Length > "escape=".Length)
                {
                    escape = directive["escape=".Length];
                }

                continue;
            }

            directives = false;
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && current.Count == 0))
            {
                continue;
            }

            if (current.Count == 0)
            {
                startLine = i + 1;
            }

            var continues = trimmed.Length > 0 && trimmed[^1] == escape;
            current.Add(continues && escape != '\\' ? line.TrimEnd()[..^1] + "\\" : line);
            if (!continues)
            {
                Add(instructions, current, startLine);
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            Add(instructions, current, startLine);
        }

        return instructions;
    }

    /// <summary>A RUN's script: the shell form as written (continuations kept, the shell lexer joins them), the exec form's words joined by spaces.</summary>
    public static string RunScript(string arguments)
    {
        var rest = arguments.TrimStart();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var space = rest.IndexOfAny([' ', '\t', '\n']);
            rest = space < 0 ? "" : rest[space..].TrimStart();
        }

        if (rest.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(rest);
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    return string.Join(' ', document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()));
                }
            }
            catch (JsonException)
            {
                // not JSON: Docker runs it as a shell command
            }
        }

        return rest;
    }

    private static void Add(List<DockerfileInstruction> instructions, List<string> lines, int startLine)
    {
        var text = string.Join('\n', lines).TrimStart();
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        instructions.Add(new DockerfileInstruction(text[..end].ToUpperInvariant(), text[end..].TrimStart(' ', '\t'), startLine));
    }
}
