using Kingsnake.Core.Findings;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Kingsnake.Core.Toml;

/// <summary>
/// Parses TOML with Tomlyn's syntax parser and builds <see cref="TomlNode"/> tables that keep each value's line.
/// Structural errors (a key defined twice, a table header that redefines a value) are reported with their line
/// instead of silently keeping one of the values.
/// </summary>
public static class TomlDocument
{
    /// <summary>Nesting of arrays and inline tables beyond this is refused before the parser recurses into it.</summary>
    public const int MaxNesting = 128;

    /// <summary>Largest document parsed, in characters (the readers' file limit is 16 MiB; lockfiles of thousands of packages are a few).</summary>
    public const int MaxCharacters = 16 * 1024 * 1024;

    /// <summary>The start of the message of a document that is not TOML (as opposed to a valid document with unexpected content).</summary>
    public const string SyntaxErrorPrefix = "invalid TOML: ";

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="TomlSyntaxException"/> with the line of the first fault when it
    /// cannot be read as a TOML document at all, or when it is over <see cref="MaxCharacters"/> or nests arrays and inline
    /// tables deeper than <see cref="MaxNesting"/> (refused before the parser, which recurses, sees it).
    /// </summary>
    public static TomlNode Parse(string text, string sourceName)
    {
        if (text.Length > MaxCharacters)
        {
            throw new TomlSyntaxException($"TOML document of {text.Length} characters, over the limit of {MaxCharacters}", 1, 1);
        }

        CheckNesting(text);
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, sourceName, validate: false);

            // Tomlyn's semantic validator rejects valid documents (a key that is an array of tables in one
            // [[x]] element and an inline array in another), so the checks that matter are done while building.
        }
        catch (TomlException ex)
        {
            throw new TomlSyntaxException($"{SyntaxErrorPrefix}{FirstMessage(ex)}", ex.Line ?? 0, ex.Column ?? 0, ex);
        }

        if (document.HasErrors)
        {
            foreach (var diagnostic in document.Diagnostics)
            {
                if (diagnostic.Kind == DiagnosticMessageKind.Error)
                {
                    throw new TomlSyntaxException(
                        $"{SyntaxErrorPrefix}{diagnostic.Message}", diagnostic.Span.Start.Line + 1, diagnostic.Span.Start.Column + 1);
                }
            }
        }

        var root = TomlNode.NewTable(1, 1);
        AddKeyValues(root, document.KeyValues);
        foreach (var table in document.Tables)
        {
            var parts = KeyParts(table.Name);
            if (parts.Count == 0)
            {
                continue;
            }

            var (line, column) = Position(table);
            var parent = root;
            for (var i = 0; i < parts.Count - 1; i++)
            {
                parent = DescendForHeader(parent, parts[i], line, column);
            }

            var last = parts[^1];
            TomlNode target;
            if (table is TableArraySyntax)
            {
                var array = parent[last];
                if (array is null)
                {
                    array = TomlNode.NewArray(line, column, ofTables: true);
                    parent.TryAddMember(last, array);
                }
                else if (array is not { Kind: TomlNodeKind.Array, IsArrayOfTables: true })
                {
                    throw new TomlSyntaxException($"{SyntaxErrorPrefix}'{last}' is already defined as a {Describe(array)}", line, column);
                }

                target = TomlNode.NewTable(line, column);
                array.AddItem(target);
            }
            else
            {
                var existing = parent[last];
                if (existing is null)
                {
                    target = TomlNode.NewTable(line, column);
                    parent.TryAddMember(last, target);
                }
                else if (existing.Kind == TomlNodeKind.Table && !existing.DefinedByHeader && !existing.Sealed)
                {
                    target = existing;
                }
                else if (existing.Kind == TomlNodeKind.Table)
                {
                    throw new TomlSyntaxException($"{SyntaxErrorPrefix}table '{string.Join('.', parts)}' is defined twice", line, column);
                }
                else
                {
                    throw new TomlSyntaxException($"{SyntaxErrorPrefix}'{last}' is already defined as a {Describe(existing)}", line, column);
                }
            }

            target.DefinedByHeader = true;
            if (table.Items is { } items)
            {
                AddKeyValues(target, items);
            }
        }

        return root;
    }

    private static string FirstMessage(TomlException ex) =>
        ex.Diagnostics is { Count: > 0 } diagnostics ? diagnostics[0].Message : ex.Message;

    private static TomlNode DescendForHeader(TomlNode parent, string key, int line, int column)
    {
        var next = parent[key];
        if (next is null)
        {
            next = TomlNode.NewTable(line, column);
            parent.TryAddMember(key, next);
            return next;
        }

        return next switch
        {
            { Kind: TomlNodeKind.Table, Sealed: false } => next,
            { Kind: TomlNodeKind.Array, IsArrayOfTables: true, Items.Count: > 0 } => next.Items[^1],
            _ => throw new TomlSyntaxException($"{SyntaxErrorPrefix}'{key}' is already defined as a {Describe(next)}", line, column),
        };
    }

    private static void AddKeyValues(TomlNode table, IEnumerable<KeyValueSyntax> keyValues)
    {
        foreach (var keyValue in keyValues)
        {
            if (keyValue.Key is null || keyValue.Value is null)
            {
                continue;
            }

            var parts = KeyParts(keyValue.Key);
            var (line, column) = Position(keyValue);
            var parent = table;
            for (var i = 0; i < parts.Count - 1; i++)
            {
                var next = parent[parts[i]];
                if (next is null)
                {
                    next = TomlNode.NewTable(line, column);
                    parent.TryAddMember(parts[i], next);
                }
                else if (next.Kind != TomlNodeKind.Table || next.Sealed)
                {
                    throw new TomlSyntaxException($"{SyntaxErrorPrefix}'{parts[i]}' is already defined as a {Describe(next)}", line, column);
                }

                parent = next;
            }

            var value = Convert(keyValue.Value);
            if (!parent.TryAddMember(parts[^1], value))
            {
                throw new TomlSyntaxException($"{SyntaxErrorPrefix}duplicate key '{parts[^1]}'", line, column);
            }
        }
    }

    private static TomlNode Convert(ValueSyntax value)
    {
        var (line, column) = Position(value);
        switch (value)
        {
            case StringValueSyntax text:
                return TomlNode.NewScalar(TomlNodeKind.String, line, column, text.Value ?? "");
            case IntegerValueSyntax integer:
                return TomlNode.NewScalar(TomlNodeKind.Integer, line, column, integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            case FloatValueSyntax number:
                return TomlNode.NewScalar(TomlNodeKind.Float, line, column, number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            case BooleanValueSyntax boolean:
                return TomlNode.NewScalar(TomlNodeKind.Boolean, line, column, boolean.Value ? "true" : "false");
            case DateTimeValueSyntax dateTime:
                return TomlNode.NewScalar(TomlNodeKind.DateTime, line, column, dateTime.Value.ToString());
            case ArraySyntax array:
                var arrayNode = TomlNode.NewArray(line, column);
                foreach (var item in array.Items)
                {
                    if (item.Value is not null)
                    {
                        arrayNode.AddItem(Convert(item.Value));
                    }
                }

                arrayNode.Sealed = true;
                return arrayNode;
            case InlineTableSyntax inline:
                var tableNode = TomlNode.NewTable(line, column);
                AddKeyValues(tableNode, inline.Items.Select(i => i.KeyValue).OfType<KeyValueSyntax>());
                tableNode.Sealed = true;
                return tableNode;
            default:
                throw new TomlSyntaxException($"{SyntaxErrorPrefix}unsupported value {value.Kind}", line, column);
        }
    }

    private static List<string> KeyParts(KeySyntax? key)
    {
        var parts = new List<string>(2);
        if (key?.Key is { } first)
        {
            parts.Add(KeyText(first));
        }

        if (key?.DotKeys is { } dotted)
        {
            foreach (var item in dotted)
            {
                if (item.Key is { } part)
                {
                    parts.Add(KeyText(part));
                }
            }
        }

        return parts;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => key.ToString() ?? "",
    };

    private static (int Line, int Column) Position(SyntaxNode node) => (node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    private static string Describe(TomlNode node) => node.Kind switch
    {
        TomlNodeKind.Array when node.IsArrayOfTables => "array of tables",
        _ => node.Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Refuses deeply nested arrays and inline tables before parsing: the parser recurses into them, and hostile
    /// input must not overflow the stack. Brackets inside strings and comments are skipped.
    /// </summary>
    private static void CheckNesting(string text)
    {
        var depth = 0;
        var line = 1;
        var i = 0;
        var atLineStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    atLineStart = true;
                    i++;
                    continue;
                case '#':
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    continue;
                case '"' or '\'':
                    i = SkipString(text, i, ref line);
                    atLineStart = false;
                    continue;
                case '[' when atLineStart && depth == 0:
                    // A [table] or [[array]] header: not nesting.
                    while (i < text.Length && text[i] is not '\n')
                    {
                        i++;
                    }

                    continue;
                case '[' or '{':
                    depth++;
                    if (depth > MaxNesting)
                    {
                        throw new TomlSyntaxException($"TOML nested deeper than {MaxNesting} levels", line, 1);
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ' ' or '\t' or '\r':
                    i++;
                    continue;
            }

            atLineStart = false;
            i++;
        }
    }

    private static int SkipString(string text, int start, ref int line)
    {
        var quote = text[start];
        var triple = start + 2 < text.Length && text[start + 1] == quote && text[start + 2] == quote;
        var i = start + (triple ? 3 : 1);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                if (!triple)
                {
                    return i; // Unterminated single-line string: let the parser report it.
                }
            }
            else if (c == '\\' && quote == '"')
            {
                i += 2;
                continue;
            }
            else if (c == quote)
            {
                if (!triple)
                {
                    return i + 1;
                }

                if (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote)
                {
                    // Up to two extra quotes may close a multi-line string ("""a"""" is allowed).
                    var end = i + 3;
                    while (end < text.Length && end < i + 5 && text[end] == quote)
                    {
                        end++;
                    }

                    return end;
                }
            }

            i++;
        }

        return i;
    }
}
