using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// Reads <c># zizmor: ignore[name,…]</c> and <c># kingsnake: ignore[ID,…]</c> comments. A comment counts only when it
/// is a real YAML comment: a <c>#</c> inside a scalar (a <c>run: |</c> body, a quoted string) is text, not a comment.
/// </summary>
internal sealed class IgnoreComments
{
    private static readonly (string Tool, SuppressionKind Kind)[] Tools = [("zizmor", SuppressionKind.ZizmorComment), ("kingsnake", SuppressionKind.InlineComment)];

    private readonly YamlDocument _document;
    private readonly bool _present;
    private readonly bool _honourZizmor;
    private readonly string _path;
    private List<(int Start, int End)>? _scalars;

    /// <param name="path">The file's path in findings, where the reasons point.</param>
    /// <param name="honourZizmor">False when the project's triage with peer tools is not to be honoured (<c>--no-peer-triage</c>).</param>
    public IgnoreComments(YamlDocument document, string path, bool honourZizmor = true)
    {
        _document = document;
        _path = path;
        _honourZizmor = honourZizmor;
        var text = document.Source.Text;
        _present = text.Contains("zizmor:", StringComparison.Ordinal) || text.Contains("kingsnake:", StringComparison.Ordinal);
    }

    /// <summary>
    /// Why line <paramref name="line"/> hides the finding: an ignore comment on it naming the rule (by any of
    /// <paramref name="isNamed"/>), as a suppression reason quoting the comment; null when there is none.
    /// </summary>
    public SuppressionReason? Ignores(int line, Func<string, bool> isNamed)
    {
        if (!_present)
        {
            return null;
        }

        var text = _document.Source.Line(line);
        for (var hash = text.IndexOf('#'); hash >= 0; hash = NextHash(text, hash))
        {
            // a YAML comment starts the line or follows whitespace; one inside a scalar (a run: body) is text
            if (hash > 0 && !char.IsWhiteSpace(text[hash - 1]))
            {
                continue;
            }

            foreach (var (tool, kind) in Tools)
            {
                if ((kind == SuppressionKind.ZizmorComment && !_honourZizmor)
                    || InlineSuppression.At(text, hash, tool, listRequired: true, StringComparison.Ordinal) is not { } comment
                    || !comment.Names.Any(isNamed)
                    || InsideScalar(_document.Source.OffsetOf(line, 1) + hash))
                {
                    continue;
                }

                return new SuppressionReason(kind, comment.Text, SourceSpan.Line(_path, line));
            }
        }

        return null;
    }

    private static int NextHash(ReadOnlySpan<char> text, int hash)
    {
        var next = text[(hash + 1)..].IndexOf('#');
        return next < 0 ? -1 : hash + 1 + next;
    }

    private bool InsideScalar(int offset)
    {
        // sorted by start, with each entry's End raised to the furthest end so far: the last span starting at or
        // before the offset tells whether any span holds it (a binary search, not a pass over every scalar)
        _scalars ??= CollectScalars();
        int low = 0, high = _scalars.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_scalars[middle].Start <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && offset < _scalars[found].End;
    }

    private List<(int, int)> CollectScalars()
    {
        var spans = new List<(int, int)>();
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<YamlNode>();
        if (_document.Root is { } root)
        {
            stack.Push(root);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            switch (node)
            {
                case YamlScalar scalar:
                    spans.Add((scalar.Start.Offset, scalar.End.Offset));
                    break;
                case YamlMapping mapping:
                    foreach (var (key, value) in mapping.Entries)
                    {
                        stack.Push(key);
                        stack.Push(value);
                    }

                    break;
                case YamlSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        stack.Push(item);
                    }

                    break;
            }
        }

        spans.Sort();
        for (var i = 1; i < spans.Count; i++)
        {
            spans[i] = (spans[i].Item1, Math.Max(spans[i].Item2, spans[i - 1].Item2));
        }

        return spans;
    }
}
