using System.Text;

namespace Kingsnake.Workflows.Shell;

/// <summary>Which shell's quoting a <c>run:</c> script follows.</summary>
public enum ShellDialect
{
    /// <summary>bash and sh: <c>'…'</c>, <c>"…"</c>, backslash escapes and continuations, heredocs.</summary>
    Posix,

    /// <summary>pwsh and powershell: backtick escapes and continuations, <c>&lt;# … #&gt;</c> comments.</summary>
    PowerShell,

    /// <summary>cmd: caret escapes and continuations, <c>rem</c> and <c>::</c> comments.</summary>
    Cmd,
}

/// <summary>
/// One word of a command after quote removal. <see cref="Text"/> keeps expansions unexpanded (<c>$GITHUB_ENV</c> stays
/// that text); <see cref="Expands"/> is true when part of it is expanded by the shell (a parameter, a command
/// substitution, <c>%NAME%</c>) rather than taken literally. <see cref="Quoted"/> is true when any part was quoted or
/// escaped, <see cref="StartsQuoted"/> when its first character was a quote (<c>'A=1'</c> is a string, not an assignment).
/// </summary>
internal sealed record ShellWord(string Text, int Start, int End, bool Expands, bool Quoted, bool StartsQuoted = false);

/// <summary>A redirection: its operator (<c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, <c>&lt;&lt;</c>, …, with no fd digits) and the word after it.</summary>
internal sealed record ShellRedirect(string Operator, ShellWord Target)
{
    /// <summary>True for output to a file: <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&gt;|</c>, <c>&amp;&gt;</c>, <c>&amp;&gt;&gt;</c> (not a descriptor copy like <c>&gt;&amp;2</c>).</summary>
    public bool WritesFile => Operator is ">" or ">>" or ">|" or "&>" or "&>>";
}

/// <summary>
/// A simple command: its words, its redirections, where it sits in the script, and the command whose output it
/// reads when it is on the right of a pipe.
/// </summary>
internal sealed record ShellCommand(IReadOnlyList<ShellWord> Words, IReadOnlyList<ShellRedirect> Redirects, int Start, int End, ShellCommand? Upstream)
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "exec", "command", "builtin", "nohup" };

    /// <summary>The words from the program on: leading shell keywords, <c>VAR=value</c> assignments and <c>sudo</c>/<c>env</c> (with their options) skipped.</summary>
    public IReadOnlyList<ShellWord> Program
    {
        get
        {
            var i = 0;
            while (i < Words.Count)
            {
                var text = Words[i].Text;
                if (Reserved.Contains(text) || (!Words[i].StartsQuoted && IsAssignment(text)))
                {
                    i++;
                }
                else if (text is "sudo" or "env" or "doas")
                {
                    i++;
                    while (i < Words.Count && Words[i].Text.StartsWith('-'))
                    {
                        // sudo -u USER takes a value
                        i += Words[i].Text is "-u" or "-g" or "-C" or "--user" or "--group" ? 2 : 1;
                    }
                }
                else
                {
                    break;
                }
            }

            return i == 0 ? Words : Words.Skip(i).ToList();
        }
    }

    private static bool IsAssignment(string word)
    {
        var eq = word.IndexOf('=');
        if (eq <= 0)
        {
            return false;
        }

        for (var i = 0; i < eq; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(word[i]) || word[i] == '_') || (i == 0 && char.IsAsciiDigit(word[i])))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Splits a <c>run:</c> script into simple commands with the quoting rules of its shell: enough shell grammar to tell
/// a write to <c>$GITHUB_ENV</c> from a mention of it, and an install command from text that only looks like one.
/// Compound commands are flattened (<c>if x; then pip install y; fi</c> yields <c>pip install y</c> behind its keyword);
/// heredoc bodies are skipped; comments are dropped. Linear in the script's length: no backtracking, no recursion.
/// </summary>
internal static class ShellScript
{
    public static List<ShellCommand> Parse(string script, ShellDialect dialect) => new Lexer(script, dialect).Run();

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
                else if (c == Escape && i + 1 < s.Length && (s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < s.Length && s[i + 2] == '\n')))
                {
                    i += s[i + 1] == '\n' ? 2 : 3; // line continuation
                }
                else if (c == '\n')
                {
                    EndCommand(piped: false);
                    i = SkipHeredocBodies(i + 1);
                }
                else if (c == '#' && dialect != ShellDialect.Cmd)
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

            if (digits > i && digits < s.Length && s[digits] is '>' or '<')
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
                    if (i + 1 < s.Length && s[i + 1] == '\n')
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

            return i;
        }

        /// <summary>The end of an expansion starting at <paramref name="i"/> (<c>$x</c>, <c>${x}</c>, <c>$(…)</c>, <c>`…`</c>, <c>%X%</c>), or null.</summary>
        private int? Expansion(int i)
        {
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
