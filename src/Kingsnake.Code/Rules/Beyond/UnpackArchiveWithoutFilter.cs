using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// <c>shutil.unpack_archive</c> without <c>filter=</c> on what may be a tar archive: tar slip through the high-level
/// API (CVE-2022-23522, mindsdb; CVE-2022-23530, GuardDog).
/// </summary>
public sealed class UnpackArchiveWithoutFilter : CallRule
{
    private const int FormatPosition = 2;

    /// <summary>The extensions shutil registers for its tar formats (tar, gztar, bztar, xztar, zstdtar).</summary>
    private static readonly string[] TarExtensions = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst"];

    public override Rule Descriptor { get; } = DescribeOwn(
        "PY802", "unpack-archive-without-filter", "shutil.unpack_archive of a tar without a filter", Severity.High, Confidence.Medium, 22, null, """
        `shutil.unpack_archive` hands tar archives to `TarFile.extractall`, which (until Python 3.14 makes `"data"`
        the default) follows `../` names, absolute names and links out of the target directory. Untrusted tarballs
        unpacked this way are CVE-2022-23522 (GHSA-7x45-phmr-9wqp, mindsdb) and CVE-2022-23530
        (GHSA-78m5-jpmf-ch7v, GuardDog).

        Zip archives are not reported: `shutil` skips zip members whose names are absolute or contain `..`, and
        `zipfile`'s own `extract`/`extractall` drop absolute prefixes and `..` parts. So `format="zip"`, or a literal
        file name without a tar extension (`.zip`, `.whl`, a custom registered format), is clean; so is any `filter=`
        other than `"fully_trusted"`.

        **Fix:** `shutil.unpack_archive(path, target, filter="data")` (Python 3.12+, and the 3.8.17+ / 3.9.17+ /
        3.10.12+ / 3.11.4+ security releases), or open the archive with `tarfile` and pass `filter="data"`.
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName != "shutil.unpack_archive" || call.Args.Count == 0 || Literals.HasDoubleStar(call))
        {
            return;
        }

        var filter = Literals.KeywordArgument(call, "filter");
        if (filter is not null && Literals.Text(filter.Value) != "fully_trusted" && Literals.LastName(filter.Value) != "fully_trusted_filter")
        {
            return;
        }

        var format = Literals.Text(Literals.KeywordArgument(call, "format")?.Value ?? (call.Args.Count > FormatPosition ? call.Args[FormatPosition] : null));
        if ((format is not null && !format.EndsWith("tar", StringComparison.Ordinal)) || (format is null && !MayBeTar(call.Args[0], call.Lineno, context)))
        {
            return;
        }

        // CVE-2022-23522, CVE-2022-23530
        var what = format is null ? "an archive that may be a tar" : $"a '{format}' archive";
        context.Report(this, call, $"shutil.unpack_archive({MessageText.Origin(call.Args[0])}) unpacks {what} without filter=, following '../' names and links out of the target; pass filter=\"data\"");
    }

    /// <summary>False when the archive's name is known and has no tar extension (a zip, a wheel, a registered custom format).</summary>
    private static bool MayBeTar(ExprNode archive, int line, FileContext context)
    {
        if (archive is Name { Id: var name })
        {
            var flow = context.Memo(context.EnclosingScope(), () => LocalFlow.Of(context.EnclosingScope()));
            archive = flow.LastValueBefore(name, line + 1) ?? archive;
        }

        var text = archive switch
        {
            Constant => Literals.Text(archive),
            JoinedStr joined when joined.Values.Count > 0 => Literals.Text(joined.Values[^1]),
            _ => null,
        };
        if (text is null)
        {
            return true;
        }

        foreach (var extension in TarExtensions)
        {
            if (text.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
