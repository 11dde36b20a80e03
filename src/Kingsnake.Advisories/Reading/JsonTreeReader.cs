using System.Text;
using System.Text.Json;
using Kingsnake.Core.Findings;

namespace Kingsnake.Advisories.Reading;

/// <summary>
/// Reads one JSON document into an <see cref="OsvNode"/> tree with <see cref="Utf8JsonReader"/> (strict JSON,
/// depth-limited), recording where every node starts. Numbers and booleans keep their text.
/// </summary>
internal static class JsonTreeReader
{
    public const int MaxDepth = 64;

    public static OsvNode Read(ReadOnlyMemory<byte> utf8)
    {
        var locator = new LineLocator(utf8);
        var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return ReadCore(ref reader, locator);
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            throw new InputFormatException($"invalid JSON: {TrimMessage(exception.Message)}", line, column, exception);
        }
        catch (InvalidOperationException exception)
        {
            // Invalid UTF-8 inside a string and similar transcoding faults.
            var (line, column) = locator.Locate((int)reader.TokenStartIndex);
            throw new InputFormatException($"invalid JSON: {exception.Message}", line, column, exception);
        }
    }

    private static OsvNode ReadCore(ref Utf8JsonReader reader, LineLocator locator)
    {
        var stack = new Stack<(OsvNode Node, string? PendingKey)>();
        OsvNode? root = null;
        while (reader.Read())
        {
            var offset = (int)reader.TokenStartIndex;
            OsvNode? completed = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    stack.Push((new MappingNode(locator, offset), null));
                    continue;
                case JsonTokenType.StartArray:
                    stack.Push((new SequenceNode(locator, offset), null));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    completed = stack.Pop().Node;
                    break;
                case JsonTokenType.PropertyName:
                    {
                        var top = stack.Pop();
                        var key = reader.GetString()!;
                        if (((MappingNode)top.Node).ContainsKey(key))
                        {
                            var (line, column) = locator.Locate(offset);
                            throw new InputFormatException($"duplicate key '{key}'", line, column);
                        }

                        stack.Push((top.Node, key));
                        continue;
                    }

                case JsonTokenType.String:
                    completed = new ScalarNode(reader.GetString()!, false, locator, offset);
                    break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    completed = new ScalarNode(Encoding.UTF8.GetString(reader.ValueSpan), false, locator, offset);
                    break;
                case JsonTokenType.Null:
                    completed = new ScalarNode(string.Empty, true, locator, offset);
                    break;
                default:
                    continue;
            }

            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            var parent = stack.Pop();
            if (parent.Node is SequenceNode sequence)
            {
                sequence.Items.Add(completed);
                stack.Push(parent);
            }
            else
            {
                ((MappingNode)parent.Node).Entries.Add(new(parent.PendingKey!, completed));
                stack.Push((parent.Node, null));
            }
        }

        return root ?? throw new InputFormatException("empty JSON document", 1, 1);
    }

    private static string TrimMessage(string message)
    {
        var index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return index > 0 ? message[..index].TrimEnd() : message;
    }

    /// <summary>Turns a byte offset into a 1-based line and UTF-16 column, computed only when asked.</summary>
    private sealed class LineLocator(ReadOnlyMemory<byte> utf8) : INodeLocator
    {
        private List<int>? _starts;

        public (int Line, int Column) Locate(int offset)
        {
            var span = utf8.Span;
            var starts = _starts ??= FindLineStarts(span);
            var index = starts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            var start = starts[index];
            var length = Math.Clamp(offset - start, 0, span.Length - start);
            var column = Encoding.UTF8.GetCharCount(span.Slice(start, length)) + 1;
            return (index + 1, column);
        }

        private static List<int> FindLineStarts(ReadOnlySpan<byte> span)
        {
            var starts = new List<int> { 0 };
            var offset = 0;
            while (true)
            {
                var next = span[offset..].IndexOf((byte)'\n');
                if (next < 0)
                {
                    return starts;
                }

                offset += next + 1;
                starts.Add(offset);
            }
        }
    }
}
