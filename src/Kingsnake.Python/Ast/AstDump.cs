using System.Text;

namespace Kingsnake.Python.Ast;

/// <summary>
/// Emulates <c>ast.dump(tree, include_attributes=…)</c> of a given CPython version, text for text.
/// 3.15 also omits <c>ctx=Load()</c> and prints imports' <c>is_lazy</c>; 3.13 and 3.14 omit fields that are None or empty lists (except a Constant's/MatchSingleton's value); 3.9–3.12 omit only
/// None-valued optional fields and print empty lists; 3.8 prints every field, None included. Fields and positions
/// that did not exist in the target version are left out, and 3.8's <c>Index</c>/<c>ExtSlice</c> subscript wrappers
/// are put back.
/// </summary>
public static class AstDump
{
    public static string Dump(Node node, bool includeAttributes = true, Version? targetVersion = null)
    {
        var writer = new DumpWriter(includeAttributes, targetVersion ?? Source.PythonVersions.Newest);
        writer.Write(node);
        return writer.ToString();
    }

    private sealed class DumpWriter(bool includeAttributes, Version target) : IFieldWriter
    {
        private readonly StringBuilder _text = new();
        private readonly bool _omitEmpty = target >= new Version(3, 13);
        private readonly bool _hasTypeParams = target >= new Version(3, 12);
        private readonly bool _hasTypeDefaults = target >= new Version(3, 13);
        // 3.15 gave imports is_lazy and stopped printing the default ctx=Load().
        private readonly bool _hasLazyImports = target >= new Version(3, 15);
        private readonly bool _omitLoad = target >= new Version(3, 15);
        // Before 3.12 CPython parsed f-strings from the token text: every piece of a JoinedStr (at any depth of format
        // specs) took the span of the whole string group, and a format spec the span of its own f-string token.
        private readonly bool _legacyFStrings = target < new Version(3, 12);
        // 3.12 ended a format spec whose last piece is a replacement field with an empty Constant (3.13 dropped it).
        private readonly bool _emptySpecTail = target.Major == 3 && target.Minor == 12;
        private readonly bool _printNone = target < new Version(3, 9);
        private readonly bool _sliceWrappers = target < new Version(3, 9);
        private readonly bool _aliasHasLocation = target >= new Version(3, 10);
        // 3.8 is also the last version without positions on keyword and Slice.
        private readonly bool _legacyFieldPositions = target < new Version(3, 10);
        private bool _inSpec;
        private FieldShift? _fieldShift;
        private bool _pendingSpec;
        private (int Line, int Column, int EndLine, int EndColumn)? _group;
        private (int Line, int Column, int EndLine, int EndColumn)? _override;
        private bool _nextIsSpec;
        private bool _first;
        private Node? _current;

        public override string ToString() => _text.ToString();

        public void Write(Node node)
        {
            var outerFirst = _first;
            var outerNode = _current;
            var outerGroup = _group;
            var span = _override ?? (node.Lineno, node.ColOffset, node.EndLineno, node.EndColOffset);
            if (_fieldShift is { } shift && _override is null)
            {
                span = shift.Apply(span);
            }

            if (node is JoinedStr && !_nextIsSpec)
            {
                _group = span;
            }

            var outerInSpec = _inSpec;
            _inSpec = _pendingSpec;
            _pendingSpec = false;
            _override = null;
            _nextIsSpec = false;
            _first = true;
            _current = node;
            _text.Append(node.PythonName).Append('(');
            node.WriteFields(this);
            if (includeAttributes && HasLocation(node))
            {
                Int("lineno", span.Line);
                Int("col_offset", span.Column);
                Int("end_lineno", span.EndLine);
                Int("end_col_offset", span.EndColumn);
            }

            _text.Append(')');
            _inSpec = outerInSpec;
            _first = outerFirst;
            _current = outerNode;
            _group = outerGroup;
        }

        private bool HasLocation(Node node) => node.HasLocation && node switch
        {
            Alias => _aliasHasLocation,
            Keyword => !_sliceWrappers,
            Slice => !_sliceWrappers,
            _ => true,
        };

        /// <summary>3.8's subscript: Index(value=…) around an expression, ExtSlice(dims=[…]) for a tuple with a slice.</summary>
        private void WriteLegacySlice(Node slice)
        {
            if (slice is Slice)
            {
                Write(slice);
            }
            else if (slice is Tuple tuple && tuple.Elts.Any(e => e is Slice))
            {
                _text.Append("ExtSlice(dims=[");
                for (var i = 0; i < tuple.Elts.Count; i++)
                {
                    _text.Append(i > 0 ? ", " : "");
                    WriteLegacySlice(tuple.Elts[i]);
                }

                _text.Append("])");
            }
            else
            {
                _text.Append("Index(value=");
                Write(slice);
                _text.Append(')');
            }
        }

        private StringBuilder Name(string name)
        {
            if (!_first)
            {
                _text.Append(", ");
            }

            _first = false;
            return _text.Append(name).Append('=');
        }

        private bool Exists(string name) => name switch
        {
            "type_params" => _hasTypeParams,
            "default_value" => _hasTypeDefaults,
            "is_lazy" => _hasLazyImports,
            _ => true,
        };

        public void Node(string name, Node? value)
        {
            if (!Exists(name))
            {
                return;
            }

            if (value is null)
            {
                if (_printNone)
                {
                    Name(name).Append("None");
                }

                return;
            }

            Name(name);
            if (_sliceWrappers && name == "slice" && _current is Subscript)
            {
                WriteLegacySlice(value);
                return;
            }

            _pendingSpec = name == "format_spec";

            if (_legacyFStrings && name == "format_spec" && value is JoinedStr { FStringTokenSpan: { } tokenSpan })
            {
                _override = tokenSpan;
                _nextIsSpec = true;
            }
            else if (_legacyFStrings && name == "value" && _current is FormattedValue && value is Tuple { LegacyFStringSpan: { } tupleSpan })
            {
                _override = tupleSpan;
            }

            if (_legacyFieldPositions && _fieldShift is null && name == "value" && _current is FormattedValue { LegacyText: { } legacy })
            {
                _fieldShift = FieldShift.Of(legacy, target);
                Write(value);
                _fieldShift = null;
                return;
            }

            Write(value);
        }

        public void Nodes(string name, IReadOnlyList<Node?> values)
        {
            if ((values.Count == 0 && _omitEmpty) || !Exists(name))
            {
                return;
            }

            Name(name).Append('[');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    _text.Append(", ");
                }

                if (values[i] is { } item)
                {
                    if (_sliceWrappers && name == "kwonlyargs" && item is Arg { Annotation: not null } annotated)
                    {
                        // 3.8 ended an annotated keyword-only parameter at its name.
                        _override = (annotated.Lineno, annotated.ColOffset, annotated.Lineno, annotated.ColOffset + Encoding.UTF8.GetByteCount(annotated.Name));
                    }

                    if (_legacyFStrings && _current is JoinedStr joined)
                    {
                        // A spec's trailing text was flushed when its token ended, so it took the token's span.
                        _override = i == values.Count - 1 && item is Constant && joined.FStringTokenSpan is { } tokenSpan ? tokenSpan : _group;
                    }

                    Write(item);
                }
                else
                {
                    _text.Append("None");
                }
            }

            if (_emptySpecTail && _inSpec && _current is JoinedStr && values.Count > 0 && values[^1] is FormattedValue)
            {
                _text.Append(", Constant(value=''");
                if (includeAttributes)
                {
                    _text.Append(", lineno=").Append(_current.EndLineno).Append(", col_offset=").Append(_current.EndColOffset)
                        .Append(", end_lineno=").Append(_current.EndLineno).Append(", end_col_offset=").Append(_current.EndColOffset);
                }

                _text.Append(')');
            }

            _text.Append(']');
        }

        public void String(string name, string? value)
        {
            if (value is not null)
            {
                Name(name).Append(PythonRepr.String(value, target));
            }
            else if (_printNone)
            {
                Name(name).Append("None");
            }
        }

        public void Strings(string name, IReadOnlyList<string> values)
        {
            if (values.Count == 0 && _omitEmpty)
            {
                return;
            }

            Name(name).Append('[');
            for (var i = 0; i < values.Count; i++)
            {
                _text.Append(i > 0 ? ", " : "").Append(PythonRepr.String(values[i], target));
            }

            _text.Append(']');
        }

        public void Int(string name, int? value)
        {
            if (!Exists(name))
            {
                return;
            }

            if (value is { } number)
            {
                Name(name).Append(number);
            }
            else if (_printNone)
            {
                Name(name).Append("None");
            }
        }

        public void Constant(string name, ConstantValue value) => Name(name).Append(PythonRepr.Of(value, target));

        public void Enum(string name, string pythonName)
        {
            if (!(_omitLoad && pythonName == "Load"))
            {
                Name(name).Append(pythonName).Append("()");
            }
        }

        public void Enums(string name, IReadOnlyList<CmpOperator> values)
        {
            if (values.Count == 0 && _omitEmpty)
            {
                return;
            }

            Name(name).Append('[');
            for (var i = 0; i < values.Count; i++)
            {
                _text.Append(i > 0 ? ", " : "").Append(NodeNames.Of(values[i])).Append("()");
            }

            _text.Append(']');
        }
    }

    /// <summary>
    /// How CPython before 3.10 placed the nodes of an f-string expression: it parsed "(" + the expression text alone
    /// and shifted the result. 3.9 moved positions on the '{' line right by the f-string token's column + 1 when that
    /// line is not the token's first. 3.8 searched the concatenation's first string token for "{" + text + "}" and
    /// shifted by the lines and columns before the match (only the token's position when not found, e.g. for a field
    /// with a conversion or spec), columns only for nodes starting on the expression's first line.
    /// </summary>
    private readonly record struct FieldShift(bool Is38, int BraceLine, int BraceEndColumn, int Lines, int Columns)
    {
        public static FieldShift Of(LegacyFieldText text, Version target)
        {
            if (target >= new Version(3, 9))
            {
                return new FieldShift(false, text.BraceLine, text.BraceEndColumn, 0, text.TokenLine != text.BraceLine ? text.TokenColumn + 1 : 0);
            }

            var lines = text.GroupLine - 1;
            var columns = text.GroupColumn;
            var group = text.Source.AsSpan(text.GroupStart, text.GroupEnd - text.GroupStart);
            var expression = text.Source.AsSpan(text.ExpressionStart, Math.Max(0, text.ExpressionEnd - text.ExpressionStart));
            var found = Find(group, expression);
            if (found >= 0)
            {
                var before = group[..found];
                lines += before.Count((byte)'\n');
                var lineStart = found;
                while (lineStart > 0 && group[lineStart] != '\n')
                {
                    lineStart--;
                }

                columns += found - lineStart;
            }

            return new FieldShift(true, text.BraceLine, text.BraceEndColumn, lines, columns);
        }

        /// <summary>The first index of "{" + expression + "}" in <paramref name="haystack"/>, or -1.</summary>
        private static int Find(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> expression)
        {
            for (var at = haystack.IndexOf((byte)'{'); at >= 0 && at + expression.Length + 1 < haystack.Length;)
            {
                if (haystack.Slice(at + 1, expression.Length).SequenceEqual(expression) && haystack[at + expression.Length + 1] == '}')
                {
                    return at;
                }

                var next = haystack[(at + 1)..].IndexOf((byte)'{');
                at = next < 0 ? -1 : at + 1 + next;
            }

            return -1;
        }

        public (int Line, int Column, int EndLine, int EndColumn) Apply((int Line, int Column, int EndLine, int EndColumn) span)
        {
            if (!Is38)
            {
                return (span.Line, span.Line == BraceLine ? span.Column + Columns : span.Column,
                    span.EndLine, span.EndLine == BraceLine ? span.EndColumn + Columns : span.EndColumn);
            }

            var columns = span.Line == BraceLine ? Columns : 0;
            return (span.Line - BraceLine + 1 + Lines, Relative(span.Line, span.Column) + columns,
                span.EndLine - BraceLine + 1 + Lines, Relative(span.EndLine, span.EndColumn) + columns);
        }

        // A column in "(" + expression text: one more than its offset from the '{' on the first line.
        private int Relative(int line, int column) => line == BraceLine ? column - BraceEndColumn + 1 : column;
    }
}
