using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// Zip slip by hand: archive member names (<c>ZipFile.namelist()/infolist()</c>, <c>TarFile.getnames()/getmembers()</c>)
/// flow into the path of a file the same function opens for writing, and nothing in the function checks them.
/// The NLTK downloader did this (CVE-2019-14751); its fix was to call <c>ZipFile.extractall</c>, which sanitises.
/// </summary>
public sealed class ArchiveMemberPathWrite : CallRule
{
    public override Rule Descriptor { get; } = DescribeOwn(
        "PY803", "archive-member-path-write", "File written at a path taken from archive member names", Severity.High, Confidence.Medium, 22, null, """
        Code that unpacks an archive itself, joining each member's name (`zf.namelist()`, `info.filename`,
        `tar.getnames()`, `member.name`) to a target directory and opening the result for writing, lets a member
        called `../../home/user/.bashrc` or `/etc/cron.d/x` write anywhere the process can (zip slip). This was
        CVE-2019-14751 (GHSA-mr7p-25v2-35wr) in the NLTK downloader.

        The rule follows member names through local variables of one function, and stays quiet when the function
        shows any check: `os.path.basename`, `realpath`/`abspath`/`normpath`, `commonpath`, `Path.resolve`,
        `is_relative_to`, `startswith`, `secure_filename`, a `".."` literal, or a condition that passes a member-derived
        path to a function (`if not is_within_directory(target, path): raise ...`). `ZipFile.extract`/`extractall`
        are not reported at all: CPython's zipfile drops absolute prefixes and `..` parts itself.

        **Fix:** let the library extract (`zf.extractall(target)`; for tar, `tar.extractall(target, filter="data")`),
        or resolve each destination with `os.path.realpath` and refuse it unless it is inside the target directory.
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (FileWrites.WrittenPath(call, qualifiedName, context) is not { } path)
        {
            return;
        }

        var scope = context.EnclosingScope();
        var facts = context.Memo(scope, () => Analyze(context.Memo(scope, () => LocalFlow.Of(scope))));
        if (facts.Checked || facts.Tainted is null || !LocalFlow.Carries(path, facts.Tainted, IsMemberListing, NoBarrier))
        {
            return;
        }

        // CVE-2019-14751
        context.Report(this, call, $"{MessageText.Callee(call)} writes to {MessageText.Origin(path)}, built from archive member names that nothing here checks for '..' or absolute parts (zip slip)");
    }

    private static MemberFacts Analyze(LocalFlow flow)
    {
        var hasSource = false;
        foreach (var node in flow.Nodes)
        {
            if (PathChecks.IsCheck(node))
            {
                return new MemberFacts(null, Checked: true);
            }

            hasSource |= node is ExprNode expression && IsMemberListing(expression);
        }

        if (!hasSource)
        {
            return new MemberFacts(null, Checked: false);
        }

        var tainted = flow.Taint(IsMemberListing, NoBarrier);
        return new MemberFacts(tainted, Checked: PathChecks.IsTestedInCondition(flow.Nodes, tainted));
    }

    /// <summary><c>x.namelist()</c>, <c>x.infolist()</c>, <c>x.getnames()</c>, <c>x.getmembers()</c>: the listings of zipfile and tarfile.</summary>
    private static bool IsMemberListing(ExprNode expression) =>
        expression is Call { Func: PyAttribute { Attr: "namelist" or "infolist" or "getnames" or "getmembers" }, Args.Count: 0 };

    private static bool NoBarrier(Call call) => false;

    private sealed record MemberFacts(HashSet<string>? Tainted, bool Checked);
}
