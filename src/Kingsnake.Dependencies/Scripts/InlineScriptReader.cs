using System.Diagnostics;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Targets;

namespace Kingsnake.Dependencies.Scripts;

/// <summary>
/// PEP 723 inline script metadata: a <c># /// script</c> block of comment lines closed by <c># ///</c>, whose
/// content (each line without its leading <c>#</c> or <c>"# "</c>) is TOML with a <c>dependencies</c> array.
/// Follows the specification's reference regex: the block ends at the last <c># ///</c> line of the run of
/// comment lines, and two <c>script</c> blocks are an error.
/// </summary>
public static class InlineScriptReader
{
    internal const string Opening = "# /// script";

    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    public static void Read(DependencyCollector collector, string path) =>
        collector.ReadFile(path, DependencyFileKind.Script, (fullPath, relative) =>
            ReadText(collector, collector.ReadText(fullPath), relative));

    /// <summary>True when <paramref name="prefix"/> (the first bytes of a file) holds a line that opens a script block.</summary>
    public static bool MayHaveScriptBlock(ReadOnlySpan<char> prefix)
    {
        var index = prefix.IndexOf(Opening.AsSpan(), StringComparison.Ordinal);
        while (index >= 0)
        {
            var atLineStart = index == 0 || prefix[index - 1] == '\n';
            var end = index + Opening.Length;
            var atLineEnd = end == prefix.Length || prefix[end] is '\n' or '\r';
            if (atLineStart && atLineEnd)
            {
                return true;
            }

            var next = prefix[(index + 1)..].IndexOf(Opening.AsSpan(), StringComparison.Ordinal);
            index = next < 0 ? -1 : index + 1 + next;
        }

        return false;
    }

    /// <summary>Reads the script block of <paramref name="text"/> (Python source) into components.</summary>
    public static void ReadText(DependencyCollector collector, string text, string relativePath)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        var blocks = new List<(int OpenLine, int FirstContent, int CloseLine)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!IsBlockOpening(lines[i], out var type))
            {
                continue;
            }

            // Content lines are '#' or '# …'; the block closes at the last '# ///' among them.
            var close = -1;
            var j = i + 1;
            for (; j < lines.Length && IsCommentLine(lines[j]); j++)
            {
                if (lines[j] == "# ///")
                {
                    close = j;
                }
            }

            if (close < 0)
            {
                if (type == "script")
                {
                    collector.Error(relativePath, i + 1, "'# /// script' block is not closed by a '# ///' line");
                }

                continue;
            }

            if (type == "script")
            {
                blocks.Add((i, i + 1, close));
            }

            i = close;
        }

        if (blocks.Count == 0)
        {
            return;
        }

        if (blocks.Count > 1)
        {
            collector.Error(relativePath, blocks[1].OpenLine + 1, "more than one '# /// script' block (PEP 723 forbids it); none is read");
            return;
        }

        var (openLine, firstContent, closeLine) = blocks[0];
        var toml = new StringBuilder();
        for (var k = firstContent; k < closeLine; k++)
        {
            var line = lines[k];
            toml.Append(line.Length > 1 ? line[2..] : "").Append('\n');
        }

        TomlNode document;
        try
        {
            document = TomlDocument.Parse(toml.ToString(), relativePath);
        }
        catch (InputFormatException ex)
        {
            var line = ex.Line > 0 ? ex.Line + openLine + 1 : openLine + 1;
            collector.Error(new SourceSpan(relativePath, line, 1), $"script metadata: {ex.Message}");
            return;
        }

        // Lines in the TOML are offset by the opening line; columns by the "# " prefix.
        if (document["requires-python"] is { } requiresPython)
        {
            var at = new SourceSpan(relativePath, requiresPython.Line + openLine + 1, requiresPython.Column + 2);
            collector.DeclarePython(relativePath, SupportedPythonReader.FromValue(requiresPython, "script metadata: requires-python", at, collector.Error));
        }

        var dependencies = document["dependencies"];
        if (dependencies is null)
        {
            return;
        }

        if (dependencies.Kind != TomlNodeKind.Array)
        {
            collector.Error(relativePath, dependencies.Line + openLine + 1, "script metadata: 'dependencies' must be an array of requirement strings");
            return;
        }

        foreach (var item in dependencies.Items)
        {
            var location = new SourceSpan(relativePath, item.Line + openLine + 1, item.Column + 2);
            if (item.Kind != TomlNodeKind.String)
            {
                collector.Error(location, "script metadata: dependencies must be requirement strings");
                continue;
            }

            var component = RequirementComponents.FromPep508(collector, item.Text!, location, ComponentSource.Script);
            if (component is not null)
            {
                collector.Add(component);
            }
        }
    }

    private static bool IsBlockOpening(string line, out string type)
    {
        type = "";
        if (!line.StartsWith("# /// ", StringComparison.Ordinal) || line.Length == 6)
        {
            return false;
        }

        var candidate = line[6..];
        foreach (var c in candidate)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        type = candidate;
        return true;
    }

    private static bool IsCommentLine(string line) => line == "#" || line.StartsWith("# ", StringComparison.Ordinal);
}
