using System.Text;

namespace Kingsnake.Core.Shell;

/// <summary>
/// Splits a <c>run:</c> script into simple commands with the quoting rules of its shell: enough shell grammar to tell
/// a write to <c>$GITHUB_ENV</c> from a mention of it, and an install command from text that only looks like one.
/// Compound commands are flattened (<c>if x; then pip install y; fi</c> yields <c>pip install y</c> behind its keyword);
/// heredoc bodies are skipped; comments are dropped. Linear in the script's length: no backtracking, no recursion.
/// This is the one shell lexer: workflow audits read <c>run:</c> scripts with it, and the requirements-file reader
/// splits option text with it in the <see cref="ShellDialect.PythonShlex"/> dialect.
/// </summary>
public static class ShellScript
{
    /// <summary>The simple commands of <paramref name="script"/>; quoting faults are read leniently, as a shell script's text is.</summary>
    public static List<ShellCommand> Parse(string script, ShellDialect dialect) => new Lexer(script, dialect).Run();

    /// <summary>
    /// The words of <paramref name="text"/> after quote removal, in order, across any commands it holds: for
    /// <see cref="ShellDialect.PythonShlex"/>, exactly what <c>shlex.split(text)</c> returns. Throws
    /// <see cref="ShellSyntaxException"/> where <c>shlex</c> raises (an unclosed quote, a trailing backslash);
    /// the other dialects read those leniently.
    /// </summary>
    public static List<string> SplitWords(string text, ShellDialect dialect)
    {
        var lexer = new Lexer(text, dialect);
        var words = new List<string>();
        foreach (var command in lexer.Run())
        {
            foreach (var word in command.Words)
            {
                words.Add(word.Text);
            }
        }

        if (lexer.Fault is { } fault)
        {
            throw new ShellSyntaxException(fault.Message, fault.Offset);
        }

        return words;
    }

    private sealed class Lexer(string s, ShellDialect dialect)
    {
        private readonly List<ShellCommand> _commands = [];
        private readonly List<ShellWord> _words = [];
        private readonly List<ShellRedirect> _redirects = [];
        private readonly List<(string Delimiter, bool StripTabs)> _pendingHeredocs = [];
        private readonly StringBuilder _text = new();
        private int _commandStart = -1;
        private int _commandEnd;
        private bool _pipedIn;
        private string? _redirectOperator;

        /// <summary>Where <c>shlex</c> would raise, in the <see cref="ShellDialect.PythonShlex"/> dialect; the first fault only.</summary>
        public (string Message, int Offset)? Fault { get; private set; }

        private bool Shlex => dialect == ShellDialect.PythonShlex;

        private char Escape => dialect switch
        {
            ShellDialect.PowerShell => '`',
            ShellDialect.Cmd => '^',
            _ => '\\',
        };

        public List<ShellCommand> Run()
        {
            var i = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (c is ' ' or '\t' or '\r')
                {
                    i++;
                }
                else if (c == Escape && !Shlex && i + 1 < s.Length && (s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < s.Length && s[i + 2] == '\n')))
                {
                    i += s[i + 1] == '\n' ? 2 : 3; // line continuation
                }
                else if (c == '\n' && Shlex)
                {
                    i++; // one more whitespace character: shlex has no commands to end
                }
                else if (c == '\n')
                {
                    EndCommand(piped: false);
                    i = SkipHeredocBodies(i + 1);
                }
                else if (c == '#' && dialect is ShellDialect.Posix or ShellDialect.PowerShell)
                {
                    i = dialect == ShellDialect.PowerShell && i + 1 < s.Length && s[i + 1] == '<' ? SkipBlockComment(i) : SkipToLineEnd(i);
                }
                else if (OperatorAt(i) is { } op)
                {
                    i = HandleOperator(op, i);
                }
                else
                {
                    i = ReadWord(i);
                }
            }

            EndCommand(piped: false);
            return _commands;
        }

        /// <summary>A control or redirection operator starting at <paramref name="i"/>, or null.</summary>
        private string? OperatorAt(int i)
        {
            if (Shlex)
            {
                return null;
            }

            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            var third = i + 2 < s.Length ? s[i + 2] : '\0';
            return c switch
            {
                ';' => ";",
                '|' when next == '|' => "||",
                '|' => "|",
                '&' when next == '&' => "&&",
                '&' when next == '>' && dialect == ShellDialect.Posix => third == '>' ? "&>>" : "&>",
                '&' when dialect == ShellDialect.PowerShell => null, // the call operator
                '&' => "&",
                '(' or ')' when dialect == ShellDialect.Posix => c.ToString(),
                '>' when next == '>' => ">>",
                '>' when next is '|' or '&' && dialect == ShellDialect.Posix => ">" + next,
                '>' => ">",
                '<' when dialect == ShellDialect.Posix && next == '<' && third == '<' => "<<<",
                '<' when dialect == ShellDialect.Posix && next == '<' => third == '-' ? "<<-" : "<<",
                '<' when next == '&' && dialect == ShellDialect.Posix => "<&",
                '<' => "<",
                _ => null,
            };
        }

        private int HandleOperator(string op, int i)
        {
            var end = i + op.Length;
            if (op is ";" or "||" or "&&" or "&" or "(" or ")")
            {
                EndCommand(piped: false);
                return end;
            }

            if (op == "|")
            {
                EndCommand(piped: true);
                return end;
            }

            // a redirection: the word after it is its target
            if (_commandStart < 0)
            {
                _commandStart = i;
            }

            if (op is ">&" or "<&")
            {
                // descriptor copy (2>&1) or a file for bash's >&word; either way the target is not a plain file write
                op = op[0] + "&";
            }

            _redirectOperator = op;
            _commandEnd = end;
            return end;
        }

        private int ReadWord(int i)
        {
            var start = i;
            var expands = false;
            var quoted = false;
            _text.Clear();

            // fd digits right before '>' or '<' (2>>file) belong to the operator
            var digits = i;
            while (digits < s.Length && char.IsAsciiDigit(s[digits]))
            {
                digits++;
            }

            if (!Shlex && digits > i && digits < s.Length && s[digits] is '>' or '<')
            {
                if (_commandStart < 0)
                {
                    _commandStart = i;
                }

                return digits;
            }

            while (i < s.Length)
            {
                var c = s[i];
                if (c is ' ' or '\t' or '\n' or '\r' || OperatorAt(i) is not null)
                {
                    break;
                }

                if (c == Escape)
                {
                    if (i + 1 < s.Length && s[i + 1] == '\n' && !Shlex)
                    {
                        i += 2;
                        continue;
                    }

                    if (i + 1 < s.Length)
                    {
                        _text.Append(s[i + 1]);
                        quoted = true;
                        i += 2;
                        continue;
                    }

                    Fail("No escaped character", i);
                    i++;
                    continue;
                }

                if (c == '\'' && dialect != ShellDialect.Cmd)
                {
                    quoted = true;
                    i = ReadSingleQuoted(i + 1);
                    continue;
                }

                if (c == '"')
                {
                    quoted = true;
                    i = ReadDoubleQuoted(i + 1, ref expands);
                    continue;
                }

                if (Expansion(i) is { } after)
                {
                    expands = true;
                    _text.Append(s, i, after - i);
                    i = after;
                    continue;
                }

                _text.Append(c);
                i++;
            }

            var word = new ShellWord(_text.ToString(), start, i, expands, quoted, s[start] is '\'' or '"' || s[start] == Escape);
            if (dialect == ShellDialect.Cmd && _words.Count == 0 && _redirectOperator is null && (word.Text.Equals("rem", StringComparison.OrdinalIgnoreCase) || word.Text.StartsWith("::", StringComparison.Ordinal)))
            {
                return SkipToLineEnd(i);
            }

            if (_commandStart < 0)
            {
                _commandStart = start;
            }

            _commandEnd = i;
            if (_redirectOperator is { } op)
            {
                _redirects.Add(new ShellRedirect(op, word));
                if (op is "<<" or "<<-")
                {
                    _pendingHeredocs.Add((word.Text, op == "<<-"));
                }

                _redirectOperator = null;
            }
            else
            {
                _words.Add(word);
            }

            return i;
        }

        private int ReadSingleQuoted(int i)
        {
            while (i < s.Length)
            {
                if (s[i] == '\'')
                {
                    if (dialect == ShellDialect.PowerShell && i + 1 < s.Length && s[i + 1] == '\'')
                    {
                        _text.Append('\'');
                        i += 2;
                        continue;
                    }

                    return i + 1;
                }

                _text.Append(s[i++]);
            }

            Fail("No closing quotation", i);
            return i;
        }

        private int ReadDoubleQuoted(int i, ref bool expands)
        {
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '"')
                {
                    return i + 1;
                }

                if (c == Escape && Shlex)
                {
                    if (i + 1 >= s.Length)
                    {
                        Fail("No escaped character", i);
                        return s.Length;
                    }

                    // shlex keeps the backslash unless it escapes the quote or itself (so "\$" stays \$, unlike bash)
                    if (s[i + 1] is not ('"' or '\\'))
                    {
                        _text.Append(c);
                    }

                    _text.Append(s[i + 1]);
                    i += 2;
                    continue;
                }

                if (c == Escape && dialect != ShellDialect.Cmd && i + 1 < s.Length)
                {
                    // bash keeps the backslash before characters that are not special inside double quotes
                    if (dialect == ShellDialect.Posix && s[i + 1] is not ('$' or '`' or '"' or '\\' or '\n'))
                    {
                        _text.Append(c);
                    }

                    if (s[i + 1] != '\n')
                    {
                        _text.Append(s[i + 1]);
                    }

                    i += 2;
                    continue;
                }

                if (Expansion(i) is { } after)
                {
                    expands = true;
                    _text.Append(s, i, after - i);
                    i = after;
                    continue;
                }

                _text.Append(c);
                i++;
            }

            Fail("No closing quotation", i);
            return i;
        }

        /// <summary>The end of an expansion starting at <paramref name="i"/> (<c>$x</c>, <c>${x}</c>, <c>$(…)</c>, <c>`…`</c>, <c>%X%</c>), or null.</summary>
        private int? Expansion(int i)
        {
            if (Shlex)
            {
                return null;
            }

            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '$' && dialect != ShellDialect.Cmd)
            {
                if (next is '(' or '{')
                {
                    return SkipBalanced(i + 1, next, next == '(' ? ')' : '}');
                }

                var j = i + 1;
                if (j < s.Length && (char.IsAsciiDigit(s[j]) || s[j] is '?' or '@' or '*' or '#' or '!' or '$' or '-'))
                {
                    return j + 1;
                }

                while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_' || (dialect == ShellDialect.PowerShell && s[j] == ':' && j + 1 < s.Length && char.IsAsciiLetter(s[j + 1]))))
                {
                    j++;
                }

                return j > i + 1 ? j : null;
            }

            if (c == '`' && dialect == ShellDialect.Posix)
            {
                var close = s.IndexOf('`', i + 1);
                return close < 0 ? s.Length : close + 1;
            }

            if (c is '%' or '!' && dialect != ShellDialect.PowerShell)
            {
                // %NAME% (cmd; also counted in sh scripts, where a cmd-style reference is never literal text one wants)
                var j = i + 1;
                while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_'))
                {
                    j++;
                }

                if (j > i + 1 && j < s.Length && s[j] == c && (c == '%' || dialect == ShellDialect.Cmd))
                {
                    return j + 1;
                }
            }

            return null;
        }

        /// <summary>Skips a balanced <c>(…)</c> or <c>{…}</c> starting at <paramref name="open"/>, honouring quotes inside; ends at the script's end if unbalanced.</summary>
        private int SkipBalanced(int open, char opening, char closing)
        {
            var depth = 0;
            var i = open;
            char quote = '\0';
            while (i < s.Length)
            {
                var c = s[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                    else if (c == Escape && quote == '"')
                    {
                        i++;
                    }
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == Escape)
                {
                    i++;
                }
                else if (c == opening)
                {
                    depth++;
                }
                else if (c == closing && --depth == 0)
                {
                    return i + 1;
                }

                i++;
            }

            return s.Length;
        }

        /// <summary>Records where shlex would raise; only the shlex dialect reports faults, the shells read on leniently.</summary>
        private void Fail(string message, int offset)
        {
            if (Shlex && Fault is null)
            {
                Fault = (message, offset);
            }
        }

        private int SkipToLineEnd(int i)
        {
            var newline = s.IndexOf('\n', i);
            return newline < 0 ? s.Length : newline;
        }

        private int SkipBlockComment(int i)
        {
            var close = s.IndexOf("#>", i + 2, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + 2;
        }

        /// <summary>After a newline: skips the bodies of heredocs opened on the line just ended.</summary>
        private int SkipHeredocBodies(int i)
        {
            foreach (var (delimiter, stripTabs) in _pendingHeredocs)
            {
                while (i < s.Length)
                {
                    var newline = s.IndexOf('\n', i);
                    var lineEnd = newline < 0 ? s.Length : newline;
                    var line = s.AsSpan(i, lineEnd - i).TrimEnd('\r');
                    if (stripTabs)
                    {
                        line = line.TrimStart('\t');
                    }

                    i = newline < 0 ? s.Length : newline + 1;
                    if (line.SequenceEqual(delimiter))
                    {
                        break;
                    }
                }
            }

            _pendingHeredocs.Clear();
            return i;
        }

        private void EndCommand(bool piped)
        {
            ShellCommand? upstream = null;
            if (_words.Count > 0 || _redirects.Count > 0)
            {
                var previous = _pipedIn && _commands.Count > 0 ? _commands[^1] : null;
                upstream = new ShellCommand([.. _words], [.. _redirects], _commandStart, _commandEnd, previous);
                _commands.Add(upstream);
            }

            _words.Clear();
            _redirects.Clear();
            _redirectOperator = null;
            _commandStart = -1;
            _pipedIn = piped && upstream is not null;
        }
    }
}
