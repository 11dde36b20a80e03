using Kingsnake.Code.Analysis;
using Kingsnake.Code.Configuration;
using Kingsnake.Code.Rules;
using Kingsnake.Code.Suppression;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;

namespace Kingsnake.Code.Engine;

/// <summary>What the audit made of one file.</summary>
/// <param name="Parsed">False when the file could not be read or is not valid Python (then <paramref name="Error"/> says why).</param>
public sealed record FileAnalysis(string Path, IReadOnlyList<Finding> Findings, InputError? Error, bool Parsed)
{
    /// <summary>Findings silenced by a bare <c># nosec</c>.</summary>
    public int NosecSkips { get; init; }

    /// <summary>Findings silenced by a <c># nosec</c> that named their test.</summary>
    public int SkippedTests { get; init; }

    /// <summary>Findings silenced by a multi-line <c># kingsnake: ignore[...]</c>.</summary>
    public int IgnoredByComment { get; init; }

    /// <summary>Lines that are neither blank nor comment-only (Bandit's <c>loc</c>).</summary>
    public int CodeLines { get; init; }

    /// <summary>Every finding a suppression comment silenced.</summary>
    public int NosecSuppressed => NosecSkips + SkippedTests + IgnoredByComment;

    /// <summary>The findings those comments silenced, each with its comment, for the report's count of suppressions by reason.</summary>
    public IReadOnlyList<SuppressedFinding> Suppressed { get; init; } = [];

    /// <summary>
    /// Counts lines whose text, stripped of ASCII whitespace, is neither empty nor starts with <c>#</c> (lines split
    /// on '\n' only, as Bandit counts them).
    /// </summary>
    public static int CountCodeLines(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var line = newline < 0 ? bytes : bytes[..newline];
            bytes = newline < 0 ? default : bytes[(newline + 1)..];
            var start = 0;
            while (start < line.Length && line[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or 0x0b or 0x0c)
            {
                start++;
            }

            if (start < line.Length && line[start] != (byte)'#')
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>
/// Checks one file: parse once, collect the module's bindings, walk the tree once handing each node to the rules
/// that asked for its kind, then drop what <c># nosec</c> and multi-line <c># kingsnake: ignore</c> comments silence.
/// </summary>
internal sealed class FileAnalyzer
{
    private readonly CodeRule[]?[] _byKind;

    // The rules that run on test code (those that declare they apply there); Bandit's answers run every rule everywhere.
    private readonly CodeRule[]?[] _byKindInTests;
    private readonly IReadOnlyList<string> _testDirectories;
    private readonly BanditSettings _settings;
    private readonly CodeCompatibility _compatibility;
    private readonly bool _ignoreNosec;
    private readonly IReadOnlyDictionary<CodeRule, SuppressionReason> _configSkipped;

    /// <param name="configSkipped">
    /// Rules that run although Bandit's configuration leaves them out, so that what it hides is counted with its reason
    /// (the <c>skips</c> entry) rather than silently never looked for.
    /// </param>
    /// <param name="testDirectories">Directories the project's configuration marks as tests (pytest's <c>testpaths</c>).</param>
    public FileAnalyzer(IEnumerable<CodeRule> rules, BanditSettings settings, CodeCompatibility compatibility, bool ignoreNosec, IReadOnlyDictionary<CodeRule, SuppressionReason>? configSkipped = null, IReadOnlyList<string>? testDirectories = null)
    {
        _testDirectories = testDirectories ?? [];
        _configSkipped = configSkipped ?? new Dictionary<CodeRule, SuppressionReason>();
        _settings = settings;
        _compatibility = compatibility;
        _ignoreNosec = ignoreNosec;
        var byKind = new List<CodeRule>?[Enum.GetValues<NodeKind>().Length];
        foreach (var rule in rules)
        {
            foreach (var kind in rule.NodeKinds)
            {
                (byKind[(int)kind] ??= []).Add(rule);
            }
        }

        _byKind = [.. byKind.Select(list => list?.ToArray())];
        _byKindInTests = compatibility == CodeCompatibility.Bandit
            ? _byKind
            : [.. byKind.Select(list => list?.Where(r => r.AppliesToTests).ToArray() is { Length: > 0 } kept ? kept : null)];
    }

    /// <summary>The project's modules (a project scan in Kingsnake mode): shares parses with them and follows names through them.</summary>
    internal ModuleIndex? Modules { get; init; }

    /// <param name="declared">
    /// The project's declared Python range when this file is package code it applies to (else null): syntax newer
    /// than its lowest version is reported. A file with its own PEP 723 block declares its own range and is not judged.
    /// </param>
    public FileAnalysis Analyze(string path, byte[] bytes, SupportedPython? declared = null)
    {
        ParsedModule parsed;
        try
        {
            parsed = Modules?.Parse(path, bytes) ?? PythonParser.Parse(bytes);
        }
        catch (PythonSyntaxError ex)
        {
            var line = Math.Max(ex.Line, 1);
            return new FileAnalysis(path, [], new InputError(new SourceSpan(path, line, Math.Max(ex.Column, 0) + 1), $"{ex.Kind}: {ex.Message}"), false) { CodeLines = FileAnalysis.CountCodeLines(bytes) };
        }
        catch (InsufficientExecutionStackException)
        {
            return new FileAnalysis(path, [], new InputError(SourceSpan.WholeFile(path), "too deeply nested to parse"), false) { CodeLines = FileAnalysis.CountCodeLines(bytes) };
        }

        var context = new FileContext(path, parsed, _settings, _compatibility)
        {
            IsTestCode = _compatibility != CodeCompatibility.Bandit && TestCode.Contains(path, _testDirectories),
            Modules = Modules,
            // Only a file with newer syntax than 3.8 can be judged, so only such a file is searched for a PEP 723 block.
            DeclaredPython = declared is not null && parsed.NewestSyntax is not null && !PackageCode.HasScriptMetadata(bytes) ? declared : null,
        };
        var failure = Walk(parsed.Module, context);
        return Filter(context, parsed, failure) with { CodeLines = FileAnalysis.CountCodeLines(bytes) };
    }

    private InputError? Walk(Module module, FileContext context)
    {
        InputError? failure = null;
        var byKind = context.IsTestCode ? _byKindInTests : _byKind;
        var pending = new Stack<(Node Node, int Depth)>();
        var scratch = new Stack<Node>();
        var children = new List<Node>();
        pending.Push((module, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            context.Enter(node, depth);
            if (byKind[(int)node.NodeKind] is { } rules)
            {
                foreach (var rule in rules)
                {
                    try
                    {
                        rule.Check(node, context);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A rule bug must cost that rule's answer for this node, never the file or the run.
                        failure ??= new InputError(new SourceSpan(context.Path, Math.Max(node.Lineno, 1)), $"internal error in rule {rule.Descriptor.Id}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }

            children.Clear();
            if (node is If branch && !context.BanditCompatible && StaticConditions.OnPython3(branch.Test, context.QualifiedName) is { } known)
            {
                // A block that never runs on Python 3 (if TYPE_CHECKING:, if PY2:) is not reachable code: only the
                // branch that runs is walked.
                if (known)
                {
                    children.Add(branch.Test);
                    children.AddRange(branch.Body);
                }
                else
                {
                    children.AddRange(branch.Orelse);
                }

                PushAll(pending, children, depth);
                continue;
            }

            node.PushChildren(scratch);
            while (scratch.Count > 0)
            {
                children.Add(scratch.Pop());
            }

            PushAll(pending, children, depth);
        }

        return failure;
    }

    private static void PushAll(Stack<(Node Node, int Depth)> pending, List<Node> children, int depth)
    {
        for (var i = children.Count - 1; i >= 0; i--)
        {
            pending.Push((children[i], depth + 1));
        }
    }

    private FileAnalysis Filter(FileContext context, ParsedModule parsed, InputError? failure)
    {
        var kept = new List<Finding>(context.Findings.Count);
        if (context.Findings.Count == 0)
        {
            return new FileAnalysis(context.Path, kept, failure, true);
        }

        var comments = new NosecComments(parsed, RuleCatalog.BanditIdOf);
        int bare = 0, named = 0, ignored = 0;
        var suppressed = new List<SuppressedFinding>();
        foreach (var raw in context.Findings)
        {
            var rule = raw.Rule;
            if (_configSkipped.TryGetValue(rule, out var skippedBy))
            {
                // not in Bandit's skipped_tests metric, which counts # nosec comments only
                suppressed.Add(new SuppressedFinding(raw.Finding, skippedBy));
                continue;
            }

            var nosec = _ignoreNosec ? NosecMatch.None : comments.IsNosec(rule.BanditId, raw.Finding.Location.StartLine, raw.RangeStart, raw.RangeEnd);
            if (nosec != NosecMatch.None)
            {
                if (nosec == NosecMatch.Bare)
                {
                    bare++;
                }
                else
                {
                    named++;
                }

                var detail = nosec == NosecMatch.Bare ? "# nosec" : $"# nosec {rule.BanditId}";
                suppressed.Add(new SuppressedFinding(raw.Finding, new SuppressionReason(SuppressionKind.BanditNosec, detail, SourceSpan.Line(context.Path, raw.Finding.Location.StartLine)) { NamesRule = nosec != NosecMatch.Bare }));
                continue;
            }

            if (comments.IsIgnored(name => rule.Descriptor.IsNamedBy(name) || name == rule.BanditName, raw.RangeStart, raw.HeaderEnd))
            {
                ignored++;
                suppressed.Add(new SuppressedFinding(raw.Finding, new SuppressionReason(SuppressionKind.InlineComment, "# kingsnake: ignore (on a line of the statement)", SourceSpan.Line(context.Path, raw.Finding.Location.StartLine))));
                continue;
            }

            kept.Add(raw.Finding);
        }

        return new FileAnalysis(context.Path, kept, failure, true) { NosecSkips = bare, SkippedTests = named, IgnoredByComment = ignored, Suppressed = suppressed };
    }
}
