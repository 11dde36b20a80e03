using Kingsnake.Code.Configuration;
using Kingsnake.Code.Names;
using Kingsnake.Code.Rules;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;

namespace Kingsnake.Code.Engine;

/// <summary>
/// What a rule sees of the file being checked: the parsed module, the walk position (the ancestors of the current
/// node), name resolution at that position, the settings, and where to report.
/// </summary>
public sealed class FileContext
{
    private readonly NameResolver _names;
    private readonly Dictionary<string, string> _banditAliases = new(StringComparer.Ordinal);
    private Node[] _ancestors = new Node[64];

    // For each depth, the depth where the run of nested binary operators that ends there starts (its own depth when
    // the node there is not a BinOp under a BinOp): finds the top of a `+` chain in O(1), which climbing would make
    // quadratic on a file that is one long chain.
    private int[] _operatorRunStart = new int[64];
    private int _depth;
    private Dictionary<(Node, Type), object>? _memo;
    private Call? _lastCall;
    private string? _lastCallName;
    private Call? _lastBanditCall;
    private string? _lastBanditCallName;
    private Call? _importMatchCall;
    private (string Id, string Name)? _importMatch;

    internal FileContext(string path, ParsedModule parsed, BanditSettings settings, CodeCompatibility compatibility)
    {
        Path = path;
        Parsed = parsed;
        Settings = settings;
        Compatibility = compatibility;
        _names = new NameResolver(new ModuleScopes(parsed.Module, preferPythonThree: compatibility != CodeCompatibility.Bandit));
    }

    /// <summary>The project's modules, when names imported from them are followed (a project scan in Kingsnake mode).</summary>
    internal ModuleIndex? Modules
    {
        init => _names = value is null ? _names : new NameResolver(_names.Scopes, value, Path);
    }

    /// <summary>The file's path relative to the root, with '/' separators.</summary>
    public string Path { get; }

    public ParsedModule Parsed { get; }

    public SourceText Source => Parsed.Source;

    public BanditSettings Settings { get; }

    public CodeCompatibility Compatibility { get; }

    /// <summary>The project's declared Python range when it applies to this file (package code), else null.</summary>
    public SupportedPython? DeclaredPython { get; init; }

    /// <summary>
    /// True when the file is test code (see <see cref="TestCode"/>); then only rules that apply to tests run on it.
    /// Always false for Bandit's answers, which know no test code.
    /// </summary>
    public bool IsTestCode { get; init; }

    /// <summary>True when Bandit's own answers are wanted rather than Kingsnake's narrower ones.</summary>
    public bool BanditCompatible => Compatibility == CodeCompatibility.Bandit;

    internal List<RawFinding> Findings { get; } = [];

    /// <summary>The node being checked.</summary>
    public Node Current => _ancestors[_depth];

    /// <summary>The parent of the node being checked (null for the module).</summary>
    public Node? Parent => _depth > 0 ? _ancestors[_depth - 1] : null;

    /// <summary>The ancestor <paramref name="levels"/> above the current node (1 = parent), or null.</summary>
    public Node? Ancestor(int levels) => _depth - levels >= 0 ? _ancestors[_depth - levels] : null;

    /// <summary>The ancestors of the current node, outermost (the module) first, the parent last.</summary>
    public ReadOnlySpan<Node> Ancestors => _ancestors.AsSpan(0, _depth);

    /// <summary>
    /// How many levels up the outermost binary operator of the chain around the current node is (0 when the parent is
    /// not a <see cref="BinOp"/>): <c>Ancestor(OperatorChainLevels())</c> is the top of <c>a + b + c</c>.
    /// </summary>
    public int OperatorChainLevels() => _depth > 0 && _ancestors[_depth - 1] is BinOp ? _depth - _operatorRunStart[_depth - 1] : 0;

    /// <summary>Qualified names of every module the file imports (<c>import a.b</c> gives <c>a.b</c>, <c>from a import b</c> gives <c>a.b</c>).</summary>
    public IReadOnlySet<string> ImportedNames => _names.Scopes.ImportedModules;

    /// <summary>True when some import's qualified name is <paramref name="module"/> or starts with it followed by a dot.</summary>
    public bool Imports(string module)
    {
        foreach (var name in _names.Scopes.ImportedModules)
        {
            if (name.StartsWith(module, StringComparison.Ordinal) && (name.Length == module.Length || name[module.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The qualified name an expression resolves to at the current position (see <see cref="NameResolver"/>).</summary>
    public string? QualifiedName(ExprNode expression) => _names.Resolve(expression, Ancestors);

    /// <summary>The qualified name of the callee of <paramref name="call"/>, computed once and shared by every rule.</summary>
    public string? CallName(Call call)
    {
        if (!ReferenceEquals(call, _lastCall))
        {
            _lastCall = call;
            _lastCallName = _names.Resolve(call.Func, Ancestors);
        }

        return _lastCallName;
    }

    /// <summary>
    /// The callee's name as Bandit reads it: one file-wide alias map filled in visit order (<c>import a as b</c>,
    /// <c>from m import n [as k]</c>), no scopes, only the head name of a dotted chain replaced. So a function-level
    /// <c>from random import random</c> turns a later <c>random.uniform</c> into <c>random.random.uniform</c>.
    /// </summary>
    public string? BanditCallName(Call call)
    {
        // Every Bandit-mode call rule asks for the same call in turn (and the alias map changes only at imports).
        if (!ReferenceEquals(call, _lastBanditCall))
        {
            _lastBanditCall = call;
            _lastBanditCallName = ReadBanditCallName(call);
        }

        return _lastBanditCallName;
    }

    /// <summary>
    /// The import-blacklist entry (B4xx) that the call's Bandit name matches exactly, as Bandit checks every call
    /// against that list too; worked out once per call for the thirteen import rules that ask.
    /// </summary>
    internal (string Id, string Name)? BanditImportMatch(Call call)
    {
        if (!ReferenceEquals(call, _importMatchCall))
        {
            _importMatchCall = call;
            _importMatch = BanditCallName(call) is { } name ? Rules.Support.ImportBlacklist.FirstBanditMatch([name], exact: true) : null;
        }

        return _importMatch;
    }

    private string? ReadBanditCallName(Call call)
    {
        var dotted = Literals.DottedText(call.Func);
        if (dotted is null)
        {
            return null;
        }

        var dot = dotted.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? dotted : dotted[..dot];
        return _banditAliases.TryGetValue(head, out var target) ? target + dotted[head.Length..] : dotted;
    }

    /// <summary>
    /// A fact about <paramref name="scope"/> (a function or the module) computed once per file and shared by every
    /// node inside it: rules that read a whole function body (local data flow) build it on the first call they see.
    /// </summary>
    public T Memo<T>(Node scope, Func<T> build)
        where T : class
    {
        _memo ??= [];
        if (!_memo.TryGetValue((scope, typeof(T)), out var value))
        {
            value = build();
            _memo[(scope, typeof(T))] = value;
        }

        return (T)value;
    }

    /// <summary>The innermost function definition around the current node, or the module.</summary>
    public Node EnclosingScope()
    {
        for (var i = _depth - 1; i >= 0; i--)
        {
            if (_ancestors[i] is FunctionDef or AsyncFunctionDef or Module)
            {
                return _ancestors[i];
            }
        }

        return Parsed.Module;
    }

    /// <summary>The source text of a node (for messages and fingerprints).</summary>
    public string TextOf(Node node)
    {
        if (!node.HasLocation || node.Lineno <= 0)
        {
            return "";
        }

        var start = Source.LineStart(node.Lineno) + node.ColOffset;
        var end = Source.LineStart(node.EndLineno) + node.EndColOffset;
        return end > start && end <= Source.Bytes.Length ? Source.Text(start, end) : "";
    }

    /// <summary>
    /// Reports a finding at <paramref name="node"/>. <paramref name="suppressionRange"/> is the node whose lines a
    /// <c># nosec</c> may sit on (default: the node itself), as Bandit decides it.
    /// </summary>
    public void Report(CodeRule rule, Node node, string message, Severity? severity = null, Confidence? confidence = null, Node? suppressionRange = null)
    {
        var range = suppressionRange ?? node;
        var line = node.Lineno;
        var startColumn = Source.CharacterColumn(line, node.ColOffset) + 1;
        var endLine = node.EndLineno > 0 ? node.EndLineno : line;
        var endColumn = node.EndLineno > 0 ? Source.CharacterColumn(endLine, node.EndColOffset) + 1 : 0;
        var snippet = TextOf(node);
        if (snippet.Length > 300)
        {
            snippet = snippet[..300];
        }

        var finding = new Finding
        {
            Rule = rule.Descriptor,
            Message = message,
            Location = new SourceSpan(Path, line, startColumn, endLine, endColumn),
            Severity = severity ?? rule.Descriptor.DefaultSeverity,
            Confidence = confidence ?? rule.Descriptor.DefaultConfidence,
            FingerprintSource = snippet,
            Data = rule.IsBanditTest ? new CodeFindingData(rule.BanditId, rule.BanditName) : null,
        };
        Findings.Add(new RawFinding(rule, finding, range.Lineno, Math.Max(range.Lineno, range.EndLineno), HeaderEnd(range)));
    }

    /// <summary>
    /// Reports a finding at a position rather than a node (a construct the parser noted: 1-based line, UTF-8 byte
    /// column as CPython counts), fingerprinted by the text of its line.
    /// </summary>
    public void ReportAt(CodeRule rule, int line, int byteColumn, string message)
    {
        var start = Source.LineStart(line);
        var end = start;
        while (end < Source.Bytes.Length && Source.Bytes[end] is not ((byte)'\n' or (byte)'\r'))
        {
            end++;
        }

        var finding = new Finding
        {
            Rule = rule.Descriptor,
            Message = message,
            Location = new SourceSpan(Path, line, Source.CharacterColumn(line, byteColumn) + 1),
            Severity = rule.Descriptor.DefaultSeverity,
            Confidence = rule.Descriptor.DefaultConfidence,
            FingerprintSource = Source.Text(start, Math.Min(end, start + 300)).Trim(),
        };
        Findings.Add(new RawFinding(rule, finding, line, line, line));
    }

    /// <summary>For a compound statement, the last line of its header (before the body); otherwise its last line.</summary>
    private static int HeaderEnd(Node node)
    {
        IReadOnlyList<StmtNode>? body = node switch
        {
            FunctionDef f => f.Body,
            AsyncFunctionDef f => f.Body,
            ClassDef c => c.Body,
            For f => f.Body,
            AsyncFor f => f.Body,
            While w => w.Body,
            If i => i.Body,
            With w => w.Body,
            AsyncWith w => w.Body,
            Try t => t.Body,
            TryStar t => t.Body,
            ExceptHandler h => h.Body,
            _ => null,
        };
        return body is { Count: > 0 } ? Math.Max(node.Lineno, body[0].Lineno - 1) : Math.Max(node.Lineno, node.EndLineno);
    }

    internal void Enter(Node node, int depth)
    {
        if (depth >= _ancestors.Length)
        {
            Array.Resize(ref _ancestors, _ancestors.Length * 2);
            Array.Resize(ref _operatorRunStart, _ancestors.Length);
        }

        _ancestors[depth] = node;
        _operatorRunStart[depth] = node is BinOp && depth > 0 && _ancestors[depth - 1] is BinOp ? _operatorRunStart[depth - 1] : depth;
        _depth = depth;
        switch (node)
        {
            case Import import:
                foreach (var alias in import.Names)
                {
                    if (alias.Asname is { } asName)
                    {
                        _banditAliases[asName] = alias.Name;
                    }
                }

                break;
            case ImportFrom importFrom:
                var module = importFrom.Module ?? "";
                foreach (var alias in importFrom.Names)
                {
                    _banditAliases[alias.Asname ?? alias.Name] = module + "." + alias.Name;
                }

                break;
        }
    }
}

/// <summary>A finding before suppression, with the lines a suppression comment may sit on.</summary>
internal readonly record struct RawFinding(CodeRule Rule, Finding Finding, int RangeStart, int RangeEnd, int HeaderEnd);

/// <summary>Whose judgement the rules follow.</summary>
public enum CodeCompatibility
{
    /// <summary>Kingsnake's: Bandit's checks with fewer false alarms (each rule's help says where it differs).</summary>
    Kingsnake,

    /// <summary>Bandit's answers for the Bandit-aliased rules (for migrating and like-for-like comparison).</summary>
    Bandit,
}
