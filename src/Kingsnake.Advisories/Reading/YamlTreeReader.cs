using Kingsnake.Core.Findings;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kingsnake.Advisories.Reading;

/// <summary>
/// Reads one YAML document into an <see cref="OsvNode"/> tree with YamlDotNet's event parser (no reflection,
/// no type resolution: every scalar stays a string). Iterative, with a depth limit; aliases may only point to
/// scalars, so a hostile document cannot expand itself ("billion laughs").
/// </summary>
internal static class YamlTreeReader
{
    public const int MaxDepth = 64;

    public static OsvNode Read(string text)
    {
        try
        {
            return ReadCore(text);
        }
        catch (YamlException exception)
        {
            throw new InputFormatException($"invalid YAML: {TrimMessage(exception.Message)}", (int)exception.Start.Line, (int)exception.Start.Column, exception);
        }
    }

    private static OsvNode ReadCore(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        OsvNode? root = null;
        var documents = 0;

        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case StreamStart or StreamEnd or DocumentEnd:
                    continue;
                case DocumentStart:
                    if (++documents > 1)
                    {
                        throw Error("more than one YAML document in the file", current);
                    }

                    continue;
                case Comment:
                    continue;
            }

            OsvNode? completed = null;
            switch (current)
            {
                case Scalar scalar:
                    {
                        var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                        var node = new ScalarNode(scalar.Value, isNull, Line(current), Column(current));
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = node;
                        }

                        completed = node;
                        break;
                    }

                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw Error($"YAML alias *{alias.Value.Value} does not name a scalar anchor (aliases to lists or mappings are not accepted)", current);
                    }

                    completed = target;
                    break;
                case MappingStart:
                    if (stack.Count >= MaxDepth)
                    {
                        throw Error($"nesting deeper than {MaxDepth} levels", current);
                    }

                    stack.Push(new Frame(new MappingNode(Line(current), Column(current))));
                    continue;
                case SequenceStart:
                    if (stack.Count >= MaxDepth)
                    {
                        throw Error($"nesting deeper than {MaxDepth} levels", current);
                    }

                    stack.Push(new Frame(new SequenceNode(Line(current), Column(current))));
                    continue;
                case MappingEnd or SequenceEnd:
                    completed = stack.Pop().Node;
                    break;
                default:
                    throw Error($"unexpected YAML event {current.GetType().Name}", current);
            }

            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            var frame = stack.Peek();
            if (frame.Node is SequenceNode sequence)
            {
                sequence.Items.Add(completed);
            }
            else if (frame.PendingKey is null)
            {
                if (completed is not ScalarNode key)
                {
                    throw new InputFormatException("a mapping key must be a plain string", completed.Line, completed.Column);
                }

                var mapping = (MappingNode)frame.Node;
                if (mapping.ContainsKey(key.Value))
                {
                    throw new InputFormatException($"duplicate key '{key.Value}'", key.Line, key.Column);
                }

                frame.PendingKey = key.Value;
            }
            else
            {
                ((MappingNode)frame.Node).Entries.Add(new(frame.PendingKey, completed));
                frame.PendingKey = null;
            }
        }

        return root ?? throw new InputFormatException("empty YAML document", 1, 1);
    }

    private static int Line(ParsingEvent parsingEvent) => (int)parsingEvent.Start.Line;

    private static int Column(ParsingEvent parsingEvent) => (int)parsingEvent.Start.Column;

    private static InputFormatException Error(string message, ParsingEvent at) => new(message, Line(at), Column(at));

    // YamlDotNet messages start with "(Line: 3, Col: 5, Idx: 20) - (Line…): "; the location is reported separately.
    private static string TrimMessage(string message)
    {
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(index + 3)..] : message;
    }

    private sealed class Frame(OsvNode node)
    {
        public OsvNode Node { get; } = node;

        public string? PendingKey { get; set; }
    }
}
