using Kingsnake.Core.Findings;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kingsnake.Core.Yaml;

/// <summary>
/// One parsed YAML file: the node tree with spans, and the source text. The one YAML loader every reader goes
/// through, so that size, depth, alias-expansion and node-count limits (<see cref="YamlLimits"/>) hold everywhere.
/// Built from YamlDotNet's event stream (not its object model, which recurses without bound, nor its deserializer)
/// so that every key and value keeps where it was written; every scalar stays a string.
/// </summary>
public sealed class YamlDocument
{
    private YamlDocument(SourceText source, YamlNode? root)
    {
        Source = source;
        Root = root;
    }

    public SourceText Source { get; }

    /// <summary>The document's root node; null for an empty file.</summary>
    public YamlNode? Root { get; }

    /// <summary>
    /// Parses <paramref name="text"/>. Malformed YAML, a second document, duplicate keys, non-scalar keys, unknown
    /// aliases and limit violations throw <see cref="InputFormatException"/> with the line and column of the fault.
    /// </summary>
    public static YamlDocument Parse(string text, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (text.Length > limits.MaxCharacters)
        {
            throw new InputFormatException($"file is {text.Length} characters, over the limit of {limits.MaxCharacters}", 1, 1);
        }

        var source = new SourceText(text);
        var builder = new Builder(new Parser(new StringReader(text)), limits);
        try
        {
            return new YamlDocument(source, builder.ReadStream());
        }
        catch (YamlException ex)
        {
            throw new InputFormatException($"invalid YAML: {Describe(ex)}", (int)ex.Start.Line, (int)ex.Start.Column, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet's scanner throws plain exceptions on some truncated input (an unclosed flow sequence
            // at the end of the file); report it at the last place the parser got to.
            var at = builder.LastPosition;
            throw new InputFormatException("invalid YAML: unexpected end of a flow collection or scalar", at.Line, at.Column, ex);
        }
    }

    /// <summary>YamlDotNet prefixes messages with the span; keep only the explanation.</summary>
    private static string Describe(YamlException ex)
    {
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && marker > 0 ? message[(marker + 3)..] : message;
    }

    private static YamlPosition ToPosition(Mark mark) => new((int)mark.Line, (int)mark.Column, (int)mark.Index);

    private static YamlScalarStyle ToStyle(ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
        ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
        ScalarStyle.Literal => YamlScalarStyle.Literal,
        ScalarStyle.Folded => YamlScalarStyle.Folded,
        _ => YamlScalarStyle.Plain,
    };

    private sealed class Builder(IParser parser, YamlLimits limits)
    {
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private long _nodes;

        public YamlPosition LastPosition { get; private set; }

        public YamlNode? ReadStream()
        {
            Expect<StreamStart>();
            YamlNode? root = null;
            if (parser.Current is DocumentStart)
            {
                parser.MoveNext();
                root = ReadNode(0);
                Expect<DocumentEnd>();
            }

            if (parser.Current is DocumentStart second)
            {
                var at = ToPosition(second.Start);
                throw new InputFormatException("more than one YAML document in the file", at.Line, at.Column);
            }

            return root;
        }

        private void Expect<T>()
            where T : ParsingEvent
        {
            if (parser.Current is null && !parser.MoveNext())
            {
                throw new InputFormatException("unexpected end of YAML");
            }

            if (parser.Current is not T)
            {
                var at = parser.Current is { } current ? ToPosition(current.Start) : default;
                throw new InputFormatException($"unexpected YAML event {parser.Current?.GetType().Name}", at.Line, at.Column);
            }

            parser.MoveNext();
        }

        private YamlNode ReadNode(int depth)
        {
            var current = parser.Current ?? throw new InputFormatException("unexpected end of YAML");
            var start = ToPosition(current.Start);
            LastPosition = ToPosition(current.End);
            if (depth > limits.MaxDepth)
            {
                throw new InputFormatException($"YAML nested deeper than {limits.MaxDepth} levels", start.Line, start.Column);
            }

            if (++_nodes > limits.MaxExpandedNodes)
            {
                throw new InputFormatException($"YAML has more than {limits.MaxExpandedNodes} nodes", start.Line, start.Column);
            }

            YamlNode node;
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new InputFormatException($"alias *{alias.Value.Value} refers to no anchor defined before it", start.Line, start.Column);
                    }

                    return target;
                case Scalar scalar:
                    parser.MoveNext();
                    node = new YamlScalar(scalar.Value, ToStyle(scalar.Style), start, ToPosition(scalar.End));
                    break;
                case SequenceStart:
                    {
                        parser.MoveNext();
                        var items = new List<YamlNode>();
                        while (parser.Current is not SequenceEnd)
                        {
                            items.Add(ReadNode(depth + 1));
                        }

                        var end = ToPosition(parser.Current.End);
                        parser.MoveNext();
                        node = new YamlSequence(items, start, end);
                        break;
                    }

                case MappingStart:
                    {
                        parser.MoveNext();
                        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                        HashSet<string>? seen = null;
                        while (parser.Current is not MappingEnd)
                        {
                            var keyNode = ReadNode(depth + 1);
                            if (keyNode is not YamlScalar key)
                            {
                                throw new InputFormatException("a mapping key must be a plain string, not a list or mapping", keyNode.Start.Line, keyNode.Start.Column);
                            }

                            seen ??= new HashSet<string>(StringComparer.Ordinal);
                            if (!seen.Add(key.Value))
                            {
                                throw new InputFormatException($"duplicate key '{key.Value}'", key.Start.Line, key.Start.Column);
                            }

                            entries.Add(new(key, ReadNode(depth + 1)));
                        }

                        var end = ToPosition(parser.Current.End);
                        parser.MoveNext();
                        node = new YamlMapping(entries, start, end);
                        break;
                    }

                default:
                    throw new InputFormatException($"unexpected YAML event {current.GetType().Name}", start.Line, start.Column);
            }

            if (node.Weight > limits.MaxExpandedNodes)
            {
                throw new InputFormatException($"YAML expands to more than {limits.MaxExpandedNodes} nodes through aliases", start.Line, start.Column);
            }

            if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
            {
                _anchors[anchored.Anchor.Value] = node;
            }

            return node;
        }
    }
}
