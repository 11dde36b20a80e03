using Kingsnake.Code.Configuration;
using Kingsnake.Code.Rules;
using Kingsnake.Code.Suppression;
using Kingsnake.Core.Findings;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;

namespace Kingsnake.Code.Engine;

/// <summary>What the audit made of one file.</summary>
/// <param name="Parsed">False when the file could not be read or is not valid Python (then <paramref name="Error"/> says why).</param>
public sealed record FileAnalysis(string Path, IReadOnlyList<Finding> Findings, InputError? Error, int NosecSuppressed, bool Parsed);

/// <summary>
/// Checks one file: parse once, collect the module's bindings, walk the tree once handing each node to the rules
/// that asked for its kind, then drop what <c># nosec</c> and multi-line <c># kingsnake: ignore</c> comments silence.
/// </summary>
internal sealed class FileAnalyzer
{
    private readonly CodeRule[]?[] _byKind;
    private readonly BanditSettings _settings;
    private readonly CodeCompatibility _compatibility;
    private readonly bool _ignoreNosec;

    public FileAnalyzer(IEnumerable<CodeRule> rules, BanditSettings settings, CodeCompatibility compatibility, bool ignoreNosec)
    {
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
    }

    public FileAnalysis Analyze(string path, byte[] bytes)
    {
        ParsedModule parsed;
        try
        {
            parsed = PythonParser.Parse(bytes);
        }
        catch (PythonSyntaxError ex)
        {
            var line = Math.Max(ex.Line, 1);
            return new FileAnalysis(path, [], new InputError(new SourceSpan(path, line, Math.Max(ex.Column, 0) + 1), $"{ex.Kind}: {ex.Message}"), 0, false);
        }
        catch (InsufficientExecutionStackException)
        {
            return new FileAnalysis(path, [], new InputError(SourceSpan.WholeFile(path), "too deeply nested to parse"), 0, false);
        }

        var context = new FileContext(path, parsed, _settings, _compatibility);
        var failure = Walk(parsed.Module, context);
        var (findings, suppressed) = Filter(context, parsed);
        return new FileAnalysis(path, findings, failure, suppressed, true);
    }

    private InputError? Walk(Module module, FileContext context)
    {
        InputError? failure = null;
        var pending = new Stack<(Node Node, int Depth)>();
        var scratch = new Stack<Node>();
        var children = new List<Node>();
        pending.Push((module, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            context.Enter(node, depth);
            if (_byKind[(int)node.NodeKind] is { } rules)
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

            node.PushChildren(scratch);
            children.Clear();
            while (scratch.Count > 0)
            {
                children.Add(scratch.Pop());
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((children[i], depth + 1));
            }
        }

        return failure;
    }

    private (List<Finding> Kept, int Suppressed) Filter(FileContext context, ParsedModule parsed)
    {
        var kept = new List<Finding>(context.Findings.Count);
        if (context.Findings.Count == 0)
        {
            return (kept, 0);
        }

        var comments = new NosecComments(parsed, RuleCatalog.BanditIdOf);
        var suppressed = 0;
        foreach (var raw in context.Findings)
        {
            var rule = raw.Rule;
            if (!_ignoreNosec && comments.IsNosec(rule.BanditId, raw.Finding.Location.StartLine, raw.RangeStart, raw.RangeEnd))
            {
                suppressed++;
                continue;
            }

            if (comments.IsIgnored(name => rule.Descriptor.IsNamedBy(name) || name == rule.BanditName, raw.RangeStart, raw.HeaderEnd))
            {
                suppressed++;
                continue;
            }

            kept.Add(raw.Finding);
        }

        return (kept, suppressed);
    }
}
