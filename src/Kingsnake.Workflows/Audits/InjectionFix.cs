using Kingsnake.Core.Findings;
using Kingsnake.Core.Shell;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.Shell;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// The template-injection fix for one <c>run:</c> script (zizmor.md §4.8): replace <c>${{ ctx }}</c> by a variable the
/// shell expands as data, and set that variable in the step's <c>env:</c>. The replacement depends on where the
/// expression sits in the script's quoting, so that the fixed script does what the original did:
/// <list type="bullet">
/// <item>bash/sh: unquoted → <c>"${NAME}"</c> (quoted, so the value is one word and never globbed); inside double
/// quotes or an unquoted heredoc (<c>&lt;&lt;EOF</c>) → <c>${NAME}</c>.</item>
/// <item>pwsh: unquoted (a whole token) or inside double quotes / an <c>@"…"@</c> here-string → <c>$env:NAME</c>.</item>
/// </list>
/// No fix is offered, with the reason given, where the shell does not expand variables (single quotes, a quoted
/// heredoc <c>&lt;&lt;'EOF'</c>, a pwsh <c>'…'</c> string): rewriting there changes what the script does, and the
/// close-and-reopen trick (<c>'x='"${NAME}"''</c>) keeps the semantics but is hard to review, and the single-quoted
/// text is often code for another program (<c>python -c '…'</c>, <c>jq '…'</c>) that would still receive the
/// attacker's text, now through the shell. For the same reason there is no fix when the expansion lands in code a
/// program runs (<c>eval</c>, <c>bash -c</c>, <c>python -c</c>, a heredoc fed to an interpreter), nor for cmd, which
/// expands <c>%NAME%</c> before it parses the line. Runner defaults (<c>GITHUB_HEAD_REF</c>…) and variables the
/// file's <c>env:</c> blocks already set (<c>env.NAME</c>) are referenced directly, without an <c>env:</c> entry.
/// </summary>
internal sealed class InjectionFix
{
    private static readonly Dictionary<string, string> RunnerDefaults = new(StringComparer.Ordinal)
    {
        ["github.head_ref"] = "GITHUB_HEAD_REF",
        ["github.base_ref"] = "GITHUB_BASE_REF",
        ["github.ref"] = "GITHUB_REF",
        ["github.ref_name"] = "GITHUB_REF_NAME",
        ["github.actor"] = "GITHUB_ACTOR",
        ["github.triggering_actor"] = "GITHUB_TRIGGERING_ACTOR",
    };

    /// <summary>Programs that run an argument given after one of their code flags as code.</summary>
    private static readonly Dictionary<string, string[]> CodeFlags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bash"] = ["-c"],
        ["sh"] = ["-c"],
        ["zsh"] = ["-c"],
        ["dash"] = ["-c"],
        ["ksh"] = ["-c"],
        ["python"] = ["-c"],
        ["python3"] = ["-c"],
        ["python2"] = ["-c"],
        ["pypy3"] = ["-c"],
        ["node"] = ["-e", "--eval", "-p", "--print"],
        ["deno"] = ["eval"],
        ["bun"] = ["-e", "--eval"],
        ["perl"] = ["-e", "-E"],
        ["ruby"] = ["-e"],
        ["php"] = ["-r"],
        ["lua"] = ["-e"],
        ["Rscript"] = ["-e"],
        ["pwsh"] = ["-c", "-command"],
        ["powershell"] = ["-c", "-command"],
        ["cmd"] = ["/c", "/k"],
    };

    /// <summary>Programs whose first operand is a program in their own language.</summary>
    private static readonly HashSet<string> ScriptedTools = new(StringComparer.OrdinalIgnoreCase) { "awk", "gawk", "mawk", "sed", "jq", "yq" };

    /// <summary>Programs that run all their arguments as code.</summary>
    private static readonly HashSet<string> Evaluators = new(StringComparer.OrdinalIgnoreCase) { "eval", "Invoke-Expression", "iex", "source", "." };

    /// <summary>Programs that only copy a heredoc's text: an unquoted heredoc fed to anything else may be code.</summary>
    private static readonly HashSet<string> HeredocReaders = new(StringComparer.Ordinal) { "cat", "tee", "gh" };

    private readonly AuditTarget _target;
    private readonly StepScope _scope;
    private readonly YamlScalar _run;
    private readonly string? _shell;
    private readonly ShellDialect? _dialect;
    private Dictionary<int, ShellQuoting.Place>? _places;
    private List<ShellCommand>? _commands;
    private Dictionary<ShellCommand, CommandFacts>? _facts;

    private InjectionFix(AuditTarget target, StepScope scope, YamlScalar run)
    {
        _target = target;
        _scope = scope;
        _run = run;
        _shell = scope.Step.Shell ?? DefaultShell(scope);
        _dialect = _shell is null ? null : DialectOf(_shell);
    }

    /// <summary>The fixer for the <c>run:</c> script <paramref name="run"/> of <paramref name="scope"/>; the script is scanned on first use only.</summary>
    public static InjectionFix For(AuditTarget target, StepScope scope, YamlScalar run) => new(target, scope, run);

    /// <summary>A fix, or none with the reason (null when there is nothing useful to say, e.g. a compound expression).</summary>
    internal readonly record struct Outcome(Fix? Fix, string? WhyNot);

    /// <summary>
    /// The fix for the expression <paramref name="fence"/> of the script, located at <paramref name="start"/>..<paramref name="end"/>
    /// in the file. Only for a fence that is one plain context in a script of a known shell, when every span can be located exactly.
    /// </summary>
    public Outcome Create(FencedExpression fence, YamlPosition start, YamlPosition end)
    {
        if (fence.Syntax is not { } syntax || ContextReference.From(syntax) is not { IsCallLed: false } context || context.Pattern.Contains('*', StringComparison.Ordinal))
        {
            return default;
        }

        if (_dialect is not { } dialect)
        {
            return default; // not a shell we know (python, a custom command) or a runner we cannot tell
        }

        var source = _target.Source;
        var script = _run.Value;
        var fenceText = script[fence.Start..fence.End];
        if (end.Offset - start.Offset != fenceText.Length || !source.Text.AsSpan(start.Offset, fenceText.Length).SequenceEqual(fenceText))
        {
            return default;
        }

        if (dialect == ShellDialect.Cmd)
        {
            return new(null, "cmd expands %NAME% before it parses the line, so the value would still be read as commands; use shell: pwsh or bash to pass it as data");
        }

        var place = Places()[fence.Start];
        var direct = DirectVariable(context.Pattern, script[fence.InnerStart..fence.InnerEnd].Trim());
        var name = direct ?? VariableName(context.Pattern);
        if (Reference(dialect, place, script, fence, name) is not { } reference)
        {
            return new(null, WhyNot(dialect, place, script, fence));
        }

        if (CodeReader(dialect, place, fence) is { } program)
        {
            return new(null, $"the shell would expand the variable into code that {program} runs, which is the same injection; read the value from the environment inside that code instead");
        }

        if (_run.Style == YamlScalarStyle.DoubleQuoted)
        {
            reference = reference.Replace("\"", "\\\"", StringComparison.Ordinal);
        }
        else if (_run.Style == YamlScalarStyle.Plain && fence.Start == 0 && reference.StartsWith('"'))
        {
            return default; // a plain scalar may not start with a quote: leave the rewrite to a human
        }

        var edits = new List<TextEdit> { new(Span(_target.Path, start, end), reference) };
        if (direct is null)
        {
            var expression = $"${{{{ {script[fence.InnerStart..fence.InnerEnd].Trim()} }}}}";
            var envEdit = EnvEdit(_target, _scope.Step, name, expression, out var alreadySet);
            if (envEdit is null && !alreadySet)
            {
                return default;
            }

            if (envEdit is not null)
            {
                edits.Add(envEdit);
            }
        }

        var quoted = place.Quoting == ShellQuoting.Kind.Unquoted && dialect == ShellDialect.Posix ? " (double-quoted, so the value stays one word, as the shell would not split or glob it)" : "";
        return new(new Fix($"pass {context.Pattern} to the script through the environment variable {name}{quoted}", edits), null);
    }

    /// <summary>The text that replaces the fence, or null when there is no safe one.</summary>
    private static string? Reference(ShellDialect dialect, ShellQuoting.Place place, string script, FencedExpression fence, string name)
    {
        if (dialect == ShellDialect.Posix)
        {
            return place.Quoting switch
            {
                ShellQuoting.Kind.Unquoted => $"\"${{{name}}}\"",
                ShellQuoting.Kind.DoubleQuoted or ShellQuoting.Kind.ExpandingHeredoc or ShellQuoting.Kind.Comment => $"${{{name}}}",
                _ => null,
            };
        }

        // pwsh: `$env:NAMEx` or `$env:NAME:x` would read another name; in an argument, `$env:NAME.x` is a member access
        // and text glued to a token changes how it is split, so an unquoted fence must be a token of its own
        var after = fence.End < script.Length ? script[fence.End] : '\n';
        var before = fence.Start > 0 ? script[fence.Start - 1] : '\n';
        return place.Quoting switch
        {
            ShellQuoting.Kind.DoubleQuoted => char.IsAsciiLetterOrDigit(after) || after is '_' or ':' or '?' ? $"${{env:{name}}}" : $"$env:{name}",
            ShellQuoting.Kind.Unquoted when IsTokenEdge(before) && IsTokenEdge(after) && after != '(' => $"$env:{name}",
            ShellQuoting.Kind.Comment => $"$env:{name}",
            _ => null,
        };
    }

    private static bool IsTokenEdge(char c) => c is ' ' or '\t' or '\r' or '\n' or ';' or '|' or '(' or ')' or ',' or '=' or '{' or '}';

    private static string WhyNot(ShellDialect dialect, ShellQuoting.Place place, string script, FencedExpression fence) => place.Quoting switch
    {
        ShellQuoting.Kind.SingleQuoted => "it sits inside single quotes, where the shell expands no variable, so a variable there would change what the script does; "
            + "if the quoted text is code for another program (python -c, jq), read the value from the environment in that program",
        ShellQuoting.Kind.LiteralHeredoc => "it sits in a quoted heredoc (<<'EOF'), where the shell expands no variable, so a variable there would change what the script does",
        ShellQuoting.Kind.Unquoted when dialect == ShellDialect.PowerShell =>
            $"it is glued to other text ('{Around(script, fence)}'), where a PowerShell variable would be split or read differently; write \"$env:NAME\" into a string by hand",
        _ => "its place in the script's quoting (backquotes, ${…}, $((…)), an escape, an unterminated quote or heredoc) is too intricate to rewrite automatically",
    };

    private static string Around(string script, FencedExpression fence)
    {
        var from = fence.Start;
        while (from > 0 && !IsTokenEdge(script[from - 1]))
        {
            from--;
        }

        var to = fence.End;
        while (to < script.Length && !IsTokenEdge(script[to]))
        {
            to++;
        }

        return script[from..to];
    }

    private Dictionary<int, ShellQuoting.Place> Places()
    {
        if (_places is null)
        {
            var script = _run.Value;
            var fences = FencedExpression.FindAll(script);
            var places = ShellQuoting.Scan(script, fences, _dialect!.Value);
            _places = new Dictionary<int, ShellQuoting.Place>(fences.Count);
            for (var i = 0; i < fences.Count; i++)
            {
                _places[fences[i].Start] = places[i];
            }
        }

        return _places;
    }

    /// <summary>The program that would run the expanded variable as code, or null when the shell passes it on as data.</summary>
    private string? CodeReader(ShellDialect dialect, ShellQuoting.Place place, FencedExpression fence)
    {
        _commands ??= ShellScript.Parse(_run.Value, dialect);
        if (place.Quoting == ShellQuoting.Kind.Comment)
        {
            return null;
        }

        if (place.Quoting == ShellQuoting.Kind.ExpandingHeredoc)
        {
            // the heredoc's text is the standard input of the command that opened it
            var opener = CommandAt(place.Anchor) is { } opening && place.Anchor < _commands[opening].End ? _commands[opening] : null;
            var program = opener?.Program.FirstOrDefault()?.Text;
            return program is not null && HeredocReaders.Contains(ProgramName(program)) ? null : program ?? "an unknown command";
        }

        // commands follow each other without overlapping, so only the last one starting at or before the fence can hold it
        if (CommandAt(fence.Start) is not { } index)
        {
            return null;
        }

        var facts = Facts(_commands[index]);
        var words = facts.Program;
        var at = WordAt(words, fence);
        if (at < 0)
        {
            return null;
        }

        if (at == 0)
        {
            return "the shell"; // the value names the command itself
        }

        if (Evaluators.Contains(facts.Name))
        {
            return facts.Name;
        }

        if (facts.FirstCodeFlag >= 1 && facts.FirstCodeFlag < at)
        {
            return facts.Name;
        }

        if (ScriptedTools.Contains(facts.Name) && facts.FirstOperand == at)
        {
            return facts.Name;
        }

        return null;
    }

    /// <summary>What <see cref="CodeReader"/> asks of a command, worked out once per command however many fences it holds.</summary>
    private readonly record struct CommandFacts(IReadOnlyList<ShellWord> Program, string Name, int FirstCodeFlag, int FirstOperand);

    private CommandFacts Facts(ShellCommand command)
    {
        _facts ??= new Dictionary<ShellCommand, CommandFacts>(ReferenceEqualityComparer.Instance);
        if (_facts.TryGetValue(command, out var facts))
        {
            return facts;
        }

        var words = command.Program;
        var name = words.Count > 0 ? ProgramName(words[0].Text) : "";
        var firstCodeFlag = -1;
        if (CodeFlags.TryGetValue(name.StartsWith("python", StringComparison.Ordinal) ? "python" : name, out var flags))
        {
            for (var i = 1; i < words.Count && firstCodeFlag < 0; i++)
            {
                var w = words[i];
                if (flags.Contains(w.Text, StringComparer.OrdinalIgnoreCase) || (flags[0] == "-c" && IsShortOptionGroupWithC(w.Text)))
                {
                    firstCodeFlag = i;
                }
            }
        }

        var firstOperand = -1;
        for (var i = 1; i < words.Count; i++)
        {
            if (!words[i].Text.StartsWith('-'))
            {
                firstOperand = i;
                break;
            }
        }

        facts = new CommandFacts(words, name, firstCodeFlag, firstOperand);
        _facts[command] = facts;
        return facts;
    }

    /// <summary>The index of the word that holds the whole fence, or -1; words are in order and apart, so a binary search finds it.</summary>
    private static int WordAt(IReadOnlyList<ShellWord> words, FencedExpression fence)
    {
        int low = 0, high = words.Count - 1, candidate = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (words[middle].Start <= fence.Start)
            {
                candidate = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return candidate >= 0 && fence.End <= words[candidate].End ? candidate : -1;
    }

    /// <summary>The index of the last command of the script that starts at or before <paramref name="offset"/>, or null (a binary search).</summary>
    private int? CommandAt(int offset)
    {
        var commands = _commands!;
        int low = 0, high = commands.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (commands[middle].Start <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found < 0 ? null : found;
    }

    /// <summary><c>-ec</c>, <c>-xc</c>: a group of short options that includes <c>-c</c> (the sh family and python accept them).</summary>
    private static bool IsShortOptionGroupWithC(string word) =>
        word.Length > 2 && word[0] == '-' && word[1] != '-' && word.Contains('c', StringComparison.Ordinal) && word.Skip(1).All(char.IsAsciiLetterLower);

    private static string ProgramName(string word)
    {
        var name = word[(word.LastIndexOfAny(['/', '\\']) + 1)..];
        return name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    private static ShellDialect? DialectOf(string shell)
    {
        var program = ProgramName(shell.Trim().Split(' ', 2)[0]).ToLowerInvariant();
        return program switch
        {
            "bash" or "sh" => ShellDialect.Posix,
            "pwsh" or "powershell" => ShellDialect.PowerShell,
            "cmd" => ShellDialect.Cmd,
            _ => null,
        };
    }

    /// <summary>
    /// The job's or workflow's <c>defaults.run.shell</c>, else the runner's default: bash on Linux and macOS, pwsh on
    /// Windows; null (no fix) when the runner cannot be told from the file (a matrix, a composite step without shell).
    /// </summary>
    private static string? DefaultShell(StepScope scope)
    {
        var defaults = ShellDialects.DefaultsShell(scope);
        if (defaults is not null)
        {
            return defaults.Contains("${{", StringComparison.Ordinal) ? null : defaults;
        }

        if (scope.Action is not null)
        {
            return null; // composite steps must name their shell
        }

        var runsOn = scope.Job?.RunsOn switch
        {
            YamlScalar scalar => scalar.Value,
            YamlSequence sequence => string.Join(' ', sequence.Items.OfType<YamlScalar>().Select(s => s.Value)),
            _ => null,
        };
        if (runsOn is null || runsOn.Contains("${{", StringComparison.Ordinal))
        {
            return null;
        }

        return runsOn.Contains("windows", StringComparison.OrdinalIgnoreCase) ? "pwsh" : "bash";
    }

    /// <summary>
    /// The variable already in the step's environment that holds the value: a runner default, or <c>NAME</c> for
    /// <c>env.NAME</c> when an <c>env:</c> block of the file sets it under exactly that spelling (the <c>env</c> context
    /// ignores case, a Linux environment does not).
    /// </summary>
    private string? DirectVariable(string pattern, string written)
    {
        if (RunnerDefaults.GetValueOrDefault(pattern) is { } runnerDefault)
        {
            return runnerDefault;
        }

        // the pattern is lower-cased; the spelling that counts is the one written in the expression
        if (!pattern.StartsWith("env.", StringComparison.Ordinal) || !written.StartsWith("env.", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = written["env.".Length..];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return null;
        }

        foreach (var block in (ReadOnlySpan<EnvBlock?>)[_scope.Step.Env, _scope.Job?.Env, _scope.Workflow?.Env])
        {
            if ((block?.Node as YamlMapping)?.GetIgnoringCase(name) is { } entry)
            {
                return entry.Key.Value == name ? name : null;
            }
        }

        return null;
    }

    /// <summary><c>github.event.issue.title</c> → <c>ISSUE_TITLE</c>; <c>inputs.tag-name</c> → <c>INPUTS_TAG_NAME</c>.</summary>
    internal static string VariableName(string pattern)
    {
        var trimmed = pattern.StartsWith("github.event.", StringComparison.Ordinal) ? pattern["github.event.".Length..] : pattern;
        var chars = trimmed.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray();
        var name = new string(chars);
        return char.IsAsciiDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>The edit that adds <c>NAME: ${{ … }}</c> to the step's block <c>env:</c>, or adds the block; null when it cannot be done safely.</summary>
    private static TextEdit? EnvEdit(AuditTarget target, Step step, string name, string expression, out bool alreadySet)
    {
        alreadySet = false;
        var source = target.Source;
        if (step.Env is { } env)
        {
            if (env.Node is not YamlMapping { Count: > 0 } mapping || source.Text[mapping.Start.Offset] == '{')
            {
                return null; // flow style or expression: leave it to a human
            }

            if (mapping.Get(name) is { } existing)
            {
                alreadySet = existing is YamlScalar scalar && scalar.Value.Trim() == expression;
                return null;
            }

            var indent = new string(' ', mapping.Entries[0].Key.Start.Column - 1);
            return Insert(target, LineAfter(source, mapping.Entries[^1].Value.End), $"{indent}{name}: {expression}\n");
        }

        var firstKey = step.Node.Entries[0].Key;
        if (source.Text[step.Node.Start.Offset] == '{')
        {
            return null;
        }

        var keyIndent = new string(' ', firstKey.Start.Column - 1);
        var last = step.Node.Entries.Max(e => e.Value.End.Offset);
        return Insert(target, LineAfter(source, source.PositionAt(last)), $"{keyIndent}env:\n{keyIndent}  {name}: {expression}\n");
    }

    /// <summary>The start of the line after the one <paramref name="end"/> is on (or <paramref name="end"/> itself when it already starts a line).</summary>
    private static YamlPosition LineAfter(SourceText source, YamlPosition end)
    {
        if (end.Column == 1)
        {
            return end;
        }

        var newline = source.Text.IndexOf('\n', end.Offset);
        return source.PositionAt(newline < 0 ? source.Text.Length : newline + 1);
    }

    private static TextEdit Insert(AuditTarget target, YamlPosition at, string text)
    {
        var prefix = at.Offset == target.Source.Text.Length && !target.Source.Text.EndsWith('\n') ? "\n" : "";
        return new TextEdit(Span(target.Path, at, at), prefix + text);
    }

    private static SourceSpan Span(string path, YamlPosition start, YamlPosition end) => new(path, start.Line, start.Column, end.Line, end.Column);

    /// <summary>
    /// Where each <c>${{ }}</c> of a script sits in the shell's quoting. A separate scan from <see cref="ShellScript"/>,
    /// which yields words after quote removal and skips heredoc bodies, while the fix needs the quoting at a given
    /// offset. Each fence is opaque (GitHub replaces it before the shell runs). Anything this scan does not model
    /// exactly (backquotes, <c>${…}</c>, <c>$((…))</c>, <c>$'…'</c>, an escape before the fence, an unterminated quote
    /// or heredoc) yields <see cref="Kind.Unknown"/>, which gets no fix. Linear: one pass, no backtracking.
    /// </summary>
    private static class ShellQuoting
    {
        public enum Kind
        {
            Unknown,
            Unquoted,
            DoubleQuoted,
            SingleQuoted,
            ExpandingHeredoc,
            LiteralHeredoc,
            Comment,
        }

        /// <summary>A fence's quoting; <see cref="Anchor"/> is the offset of the <c>&lt;&lt;</c> that opened its heredoc, else of the fence.</summary>
        public readonly record struct Place(Kind Quoting, int Anchor);

        public static Place[] Scan(string script, IReadOnlyList<FencedExpression> fences, ShellDialect dialect)
        {
            var places = new Place[fences.Count];
            if (dialect == ShellDialect.Posix)
            {
                new Posix(script, fences, places).Run();
            }
            else if (dialect == ShellDialect.PowerShell && script.AsSpan().IndexOfAny("\u2018\u2019\u201A\u201B\u201C\u201D\u201E") < 0)
            {
                // pwsh also takes typographic quotes as quotes; a script with any is left to a human
                new PowerShell(script, fences, places).Run();
            }

            return places;
        }

        /// <summary>What the two scanners share: the fences met in order, and the places given to them.</summary>
        private abstract class Scanner(string script, IReadOnlyList<FencedExpression> fences, Place[] places)
        {
            protected readonly string S = script;
            private int _next;

            protected char At(int i) => (uint)i < (uint)S.Length ? S[i] : '\0';

            /// <summary>True when a fence starts at <paramref name="i"/>; fences jumped over stay Unknown.</summary>
            protected bool FenceAt(int i)
            {
                while (_next < fences.Count && fences[_next].Start < i)
                {
                    _next++;
                }

                return _next < fences.Count && fences[_next].Start == i;
            }

            /// <summary>Records the place of the fence <see cref="FenceAt"/> found and returns its end.</summary>
            protected int Take(Kind kind, int anchor = -1)
            {
                var fence = fences[_next++];
                places[_next - 1] = new Place(kind, anchor < 0 ? fence.Start : anchor);
                return fence.End;
            }

            /// <summary>The end of the fence at <paramref name="i"/> once its place is recorded, or -1 when none starts there.</summary>
            protected int Fence(int i, Kind kind, int anchor = -1) => FenceAt(i) ? Take(kind, anchor) : -1;

            /// <summary>Forgets the places given to fences from <paramref name="fromOffset"/> on (text whose quoting turned out unknowable).</summary>
            protected void Forget(int fromOffset)
            {
                for (var k = 0; k < fences.Count; k++)
                {
                    if (fences[k].Start >= fromOffset)
                    {
                        places[k] = default;
                    }
                }
            }

            protected static bool IsWordStart(char previous) => previous is '\0' or ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')';
        }

        private sealed class Posix(string script, IReadOnlyList<FencedExpression> fences, Place[] places) : Scanner(script, fences, places)
        {
            private enum Frame
            {
                Substitution, // $( … ): a fresh command level
                DoubleQuote,
                Backquote,
                Parameter, // ${ … }
                Arithmetic, // $(( … ))
            }

            private readonly List<(Frame Kind, int Depth)> _frames = [];
            private readonly List<(string Delimiter, bool StripTabs, bool Literal, int Operator)> _heredocs = [];

            private int _intricateFrames;

            /// <summary>True inside a backquote, <c>${…}</c> or <c>$((…))</c>, whose quoting rules this scan does not model.</summary>
            private bool Intricate => _intricateFrames > 0;

            private Frame? Top => _frames.Count > 0 ? _frames[^1].Kind : null;

            private static bool IsIntricate(Frame kind) => kind is Frame.Backquote or Frame.Parameter or Frame.Arithmetic;

            private void Push(Frame kind, int depth)
            {
                _frames.Add((kind, depth));
                _intricateFrames += IsIntricate(kind) ? 1 : 0;
            }

            private void Pop()
            {
                _intricateFrames -= IsIntricate(_frames[^1].Kind) ? 1 : 0;
                _frames.RemoveAt(_frames.Count - 1);
            }

            public void Run()
            {
                var i = 0;
                while (i < S.Length)
                {
                    var c = S[i];
                    var inQuotes = Top == Frame.DoubleQuote;
                    if (FenceAt(i))
                    {
                        i = Take(Intricate ? Kind.Unknown : inQuotes ? Kind.DoubleQuoted : Kind.Unquoted);
                    }
                    else if (c == '\\')
                    {
                        i += 2; // an escaped fence stays Unknown
                    }
                    else if (c == '$' && At(i + 1) == '(' && At(i + 2) == '(')
                    {
                        Push(Frame.Arithmetic, 2);
                        i += 3;
                    }
                    else if (c == '$' && At(i + 1) == '(')
                    {
                        Push(Frame.Substitution, 1);
                        i += 2;
                    }
                    else if (c == '$' && At(i + 1) == '{')
                    {
                        Push(Frame.Parameter, 1);
                        i += 2;
                    }
                    else if (c == '`')
                    {
                        if (Top == Frame.Backquote)
                        {
                            Pop();
                        }
                        else
                        {
                            Push(Frame.Backquote, 0);
                        }

                        i++;
                    }
                    else if (inQuotes)
                    {
                        if (c == '"')
                        {
                            Pop();
                        }

                        i++;
                    }
                    else
                    {
                        i = CommandLevel(i);
                        if (i < 0)
                        {
                            return;
                        }
                    }
                }

                if (_frames.Count > 0 || _heredocs.Count > 0)
                {
                    Forget(0); // an unterminated quote or heredoc: bash would reject the script or read it otherwise
                }
            }

            /// <summary>One step at command level (outside double quotes); -1 when the rest of the script cannot be judged.</summary>
            private int CommandLevel(int i)
            {
                var c = S[i];
                switch (c)
                {
                    case '\'':
                        var literal = !Intricate && At(i - 1) != '$'; // $'…' has escapes of its own
                        var j = i + 1;
                        while (j < S.Length && S[j] != '\'')
                        {
                            var end = Fence(j, literal ? Kind.SingleQuoted : Kind.Unknown);
                            j = end >= 0 ? end : j + 1;
                        }

                        return j + 1;
                    case '"':
                        Push(Frame.DoubleQuote, 0);
                        return i + 1;
                    case '#' when IsWordStart(At(i - 1)) && Top is null or Frame.Substitution:
                        var comment = Intricate ? Kind.Unknown : Kind.Comment;
                        while (i < S.Length && S[i] != '\n')
                        {
                            var end = Fence(i, comment);
                            i = end >= 0 ? end : i + 1;
                        }

                        return i;
                    case '(' when Top is Frame.Substitution or Frame.Arithmetic:
                        _frames[^1] = (_frames[^1].Kind, _frames[^1].Depth + 1);
                        return i + 1;
                    case ')' when Top is Frame.Substitution or Frame.Arithmetic:
                        _frames[^1] = (_frames[^1].Kind, _frames[^1].Depth - 1);
                        if (_frames[^1].Depth == 0)
                        {
                            Pop();
                        }

                        return i + 1;
                    case '{' when Top == Frame.Parameter:
                        _frames[^1] = (Frame.Parameter, _frames[^1].Depth + 1);
                        return i + 1;
                    case '}' when Top == Frame.Parameter:
                        _frames[^1] = (Frame.Parameter, _frames[^1].Depth - 1);
                        if (_frames[^1].Depth == 0)
                        {
                            Pop();
                        }

                        return i + 1;
                    case '<' when At(i + 1) == '<' && At(i + 2) != '<' && Top != Frame.Arithmetic:
                        return Heredoc(i);
                    case '\n' when _heredocs.Count > 0:
                        return Bodies(i + 1);
                    default:
                        return i + 1;
                }
            }

            /// <summary>Reads the delimiter after <c>&lt;&lt;</c> or <c>&lt;&lt;-</c> at <paramref name="i"/>; the body starts at the next newline.</summary>
            private int Heredoc(int i)
            {
                var stripTabs = At(i + 2) == '-';
                var j = i + (stripTabs ? 3 : 2);
                while (At(j) is ' ' or '\t')
                {
                    j++;
                }

                var delimiter = new System.Text.StringBuilder();
                var quoted = false;
                while (j < S.Length && S[j] is not (' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>'))
                {
                    if (Fence(j, Kind.Unknown) >= 0)
                    {
                        return -1; // the delimiter is only known at run time
                    }

                    var c = S[j];
                    if (c is '\'' or '"')
                    {
                        quoted = true;
                        var close = S.IndexOf(c, j + 1);
                        if (close < 0)
                        {
                            return -1;
                        }

                        delimiter.Append(S, j + 1, close - j - 1);
                        j = close + 1;
                    }
                    else if (c == '\\')
                    {
                        quoted = true;
                        delimiter.Append(At(j + 1));
                        j += 2;
                    }
                    else
                    {
                        delimiter.Append(c);
                        j++;
                    }
                }

                if (delimiter.Length > 0)
                {
                    _heredocs.Add((delimiter.ToString(), stripTabs, quoted, i));
                }

                return j;
            }

            /// <summary>Reads the bodies of the heredocs opened on the line that ended before <paramref name="i"/>.</summary>
            private int Bodies(int i)
            {
                foreach (var (delimiter, stripTabs, literal, opener) in _heredocs)
                {
                    var terminated = false;
                    var bodyStart = i;
                    while (i < S.Length && !terminated)
                    {
                        var newline = S.IndexOf('\n', i);
                        var lineEnd = newline < 0 ? S.Length : newline;
                        var line = S.AsSpan(i, lineEnd - i).TrimEnd('\r');
                        if ((stripTabs ? line.TrimStart('\t') : line).SequenceEqual(delimiter))
                        {
                            terminated = true;
                            i = newline < 0 ? S.Length : newline + 1;
                            break;
                        }

                        i = BodyLine(i, literal, opener);
                    }

                    if (!terminated)
                    {
                        Forget(bodyStart);
                        _heredocs.Clear();
                        return -1;
                    }
                }

                _heredocs.Clear();
                return i;
            }

            /// <summary>
            /// One line of a heredoc body, from <paramref name="i"/> to just after its newline. In an unquoted body only
            /// <c>\</c>, <c>$</c> and backquotes are special; a fence after a command substitution on the line is Unknown.
            /// </summary>
            private int BodyLine(int i, bool literal, int opener)
            {
                var nested = Intricate;
                while (i < S.Length)
                {
                    var end = Fence(i, literal ? Kind.LiteralHeredoc : nested ? Kind.Unknown : Kind.ExpandingHeredoc, opener);
                    if (end >= 0)
                    {
                        i = end;
                        continue;
                    }

                    var c = S[i];
                    if (c == '\n')
                    {
                        return i + 1;
                    }

                    if (!literal && c == '\\')
                    {
                        i += At(i + 1) == '\n' ? 1 : 2;
                        continue;
                    }

                    nested |= !literal && (c == '`' || (c == '$' && At(i + 1) is '(' or '{'));
                    i++;
                }

                return i;
            }
        }

        private sealed class PowerShell(string script, IReadOnlyList<FencedExpression> fences, Place[] places) : Scanner(script, fences, places)
        {
            // each frame: true for a double-quoted string (or @"…"@ here-string), false for a $( … ) subexpression, with its paren depth
            private readonly List<(bool String, bool Here, int Depth)> _frames = [];

            public void Run()
            {
                var i = 0;
                while (i < S.Length)
                {
                    var inString = _frames.Count > 0 && _frames[^1].String;
                    if (FenceAt(i))
                    {
                        i = Take(inString ? Kind.DoubleQuoted : Kind.Unquoted);
                    }
                    else if (S[i] == '`')
                    {
                        i += 2; // an escaped fence stays Unknown
                    }
                    else if (S[i] == '$' && At(i + 1) == '(')
                    {
                        _frames.Add((false, false, 1));
                        i += 2;
                    }
                    else
                    {
                        i = inString ? InString(i) : CommandLevel(i);
                    }
                }

                if (_frames.Count > 0)
                {
                    Forget(0);
                }
            }

            private int InString(int i)
            {
                var here = _frames[^1].Here;
                if (!here && S[i] == '"')
                {
                    if (At(i + 1) == '"')
                    {
                        return i + 2; // "" is a quote inside the string
                    }

                    _frames.RemoveAt(_frames.Count - 1);
                }
                else if (here && S[i] == '\n' && At(i + 1) == '"' && At(i + 2) == '@')
                {
                    _frames.RemoveAt(_frames.Count - 1);
                    return i + 3;
                }

                return i + 1;
            }

            private int CommandLevel(int i)
            {
                var c = S[i];
                switch (c)
                {
                    case '@' when At(i + 1) is '"' or '\'' && HereStringOpens(i + 2):
                        if (At(i + 1) == '"')
                        {
                            _frames.Add((true, true, 0));
                            return i + 2;
                        }

                        var close = S.IndexOf("\n'@", i + 2, StringComparison.Ordinal);
                        return Literal(i + 2, close < 0 ? -1 : close, 3);
                    case '\'':
                        var j = i + 1;
                        while (true)
                        {
                            j = S.IndexOf('\'', j);
                            if (j < 0 || At(j + 1) != '\'')
                            {
                                break;
                            }

                            j += 2; // '' is a quote inside the string
                        }

                        return Literal(i + 1, j, 1);
                    case '"':
                        _frames.Add((true, false, 0));
                        return i + 1;
                    case '<' when At(i + 1) == '#':
                        var commentEnd = S.IndexOf("#>", i + 2, StringComparison.Ordinal);
                        return Comment(i, commentEnd < 0 ? -1 : commentEnd + 2);
                    case '#' when IsWordStart(At(i - 1)):
                        var newline = S.IndexOf('\n', i);
                        return Comment(i, newline < 0 ? S.Length : newline);
                    case '(' when _frames.Count > 0:
                        _frames[^1] = _frames[^1] with { Depth = _frames[^1].Depth + 1 };
                        return i + 1;
                    case ')' when _frames.Count > 0:
                        _frames[^1] = _frames[^1] with { Depth = _frames[^1].Depth - 1 };
                        if (_frames[^1].Depth == 0)
                        {
                            _frames.RemoveAt(_frames.Count - 1);
                        }

                        return i + 1;
                    default:
                        return i + 1;
                }
            }

            /// <summary>A here-string opener (<c>@"</c>, <c>@'</c>) must end its line.</summary>
            private bool HereStringOpens(int i)
            {
                while (At(i) is ' ' or '\t' or '\r')
                {
                    i++;
                }

                return At(i) == '\n';
            }

            /// <summary>Single-quoted text from <paramref name="i"/> to <paramref name="close"/> (-1: never closed, all Unknown); returns the offset after the closing quote.</summary>
            private int Literal(int i, int close, int closeLength)
            {
                var kind = close < 0 ? Kind.Unknown : Kind.SingleQuoted;
                var stop = close < 0 ? S.Length : close;
                while (i < stop)
                {
                    var end = Fence(i, kind);
                    i = end >= 0 ? end : i + 1;
                }

                return close < 0 ? S.Length : close + closeLength;
            }

            private int Comment(int i, int end)
            {
                var kind = end < 0 ? Kind.Unknown : Kind.Comment;
                var stop = end < 0 ? S.Length : end;
                while (i < stop)
                {
                    var fenceEnd = Fence(i, kind);
                    i = fenceEnd >= 0 ? fenceEnd : i + 1;
                }

                return stop;
            }
        }
    }
}
