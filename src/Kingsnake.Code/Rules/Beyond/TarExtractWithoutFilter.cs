using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// <c>TarFile.extract(member)</c> without a PEP 706 <c>filter=</c>: the one-member form of the tar slip that PY202
/// (Bandit B202) reports for <c>extractall</c> only. CVE-2007-4559; e.g. CVE-2023-30620 (mindsdb) and
/// CVE-2022-23531 (GuardDog) extracted untrusted tarballs this way.
/// </summary>
public sealed class TarExtractWithoutFilter : CallRule
{
    public override Rule Descriptor { get; } = DescribeOwn(
        "PY801", "tarfile-extract-without-filter", "Tar member extracted without a filter", Severity.High, Confidence.Medium, 22, null, """
        `tar.extract(member, path)` writes the member where its name says, following `../` parts, absolute names and
        links that point out of the target (CVE-2007-4559). Extracting members one by one in a loop is `extractall`
        by hand; PY202 (Bandit B202) reports only `extractall`, this rule reports `extract` on an archive opened with
        `tarfile.open`/`TarFile` in the same function, when the member comes from the archive's own listing
        (`getmembers()`, `getnames()`, `next()`, a loop over the archive). Members the program names itself are
        left alone. Tar slip advisories of this shape: CVE-2023-30620
        (GHSA-2g5w-29q9-w6hx, mindsdb), CVE-2022-23531 (GHSA-rp2v-v467-q9vq, GuardDog).

        Any `filter=` other than `"fully_trusted"` counts as handled, as does a file that sets
        `extraction_filter`. Python 3.14 makes `"data"` the default; before it (3.12, 3.13 and the 3.8.17+ /
        3.9.17+ / 3.10.12+ / 3.11.4+ backports) the default is to trust the archive.

        **Fix:** `tar.extract(member, path, filter="data")` (PEP 706), or check that
        `os.path.realpath(os.path.join(path, member.name))` stays under `path` and that the member is a regular file
        or directory.
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Func is not PyAttribute { Attr: "extract", Value: var receiver } || call.Args.Count == 0 || Literals.HasDoubleStar(call))
        {
            return;
        }

        var filter = Literals.KeywordArgument(call, "filter");
        if (filter is not null && Literals.Text(filter.Value) != "fully_trusted" && Literals.LastName(filter.Value) != "fully_trusted_filter")
        {
            return;
        }

        if (!IsTarArchive(receiver, call.Lineno, context) || context.Source.Bytes.AsSpan().IndexOf("extraction_filter"u8) >= 0
            || !FromArchiveListing(call.Args[0], context))
        {
            return;
        }

        // CVE-2007-4559
        var how = filter is null ? "without filter=" : "with the fully_trusted filter";
        context.Report(this, call, $"{MessageText.Callee(call)}({MessageText.Origin(call.Args[0])}) {how} extracts members the archive names, following '../' names, absolute names and links out of the target; pass filter=\"data\"");
    }

    /// <summary>The receiver is <c>tarfile.open(...)</c> itself, or a local name bound to it (assignment or <c>with ... as</c>).</summary>
    private static bool IsTarArchive(ExprNode receiver, int line, FileContext context)
    {
        if (receiver is Call opened)
        {
            return IsTarOpen(context.QualifiedName(opened.Func));
        }

        return receiver is Name { Id: var name } && Flow(context).LastValueBefore(name, line + 1) is Call { Func: var function } && IsTarOpen(context.QualifiedName(function));
    }

    /// <summary>
    /// The member comes from the archive's own listing: <c>getmembers()</c>/<c>getnames()</c>/<c>next()</c>, or a loop over
    /// the archive object. A member the program names itself (<c>tar.extract("data.json")</c>, a constant list) is not
    /// reported: the archive cannot choose where it lands, only what it is.
    /// </summary>
    private static bool FromArchiveListing(ExprNode member, FileContext context)
    {
        if (Literals.IsStr(member))
        {
            return false;
        }

        var flow = Flow(context);
        var seeds = new List<string>();
        foreach (var (target, value, line) in flow.Bindings)
        {
            if (value is Name or Call && IsTarArchive(value, line, context) && target is Name { Id: var loopVariable } && flow.Nodes.Any(n => n is For { Target: var t } && ReferenceEquals(t, target) || n is Comprehension { Target: var c } && ReferenceEquals(c, target)))
            {
                seeds.Add(loopVariable);
            }
        }

        var tainted = flow.Taint(IsListing, _ => false, seeds);
        return LocalFlow.Carries(member, tainted, IsListing, _ => false);
    }

    private static bool IsListing(ExprNode expression) =>
        expression is Call { Func: PyAttribute { Attr: "getmembers" or "getnames" or "next" }, Args.Count: 0 };

    private static LocalFlow Flow(FileContext context)
    {
        var scope = context.EnclosingScope();
        return context.Memo(scope, () => LocalFlow.Of(scope));
    }

    private static bool IsTarOpen(string? name) =>
        name is "tarfile.open" or "tarfile.TarFile" or "tarfile.TarFile.open" or "tarfile.TarFile.taropen" or "tarfile.TarFile.gzopen"
            or "tarfile.TarFile.bz2open" or "tarfile.TarFile.xzopen" or "tarfile.TarFile.zstopen";
}
