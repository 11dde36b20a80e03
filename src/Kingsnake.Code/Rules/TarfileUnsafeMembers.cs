using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B202: <c>tarfile.extractall</c> without a member filter (path traversal, links, device files).</summary>
public sealed class TarfileUnsafeMembers : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY202", "tarfile-unsafe-members", "Tar archive extracted without a member filter", Severity.High, Confidence.High, 22, "B202", "S202", """
        A tar archive can hold members named `../../etc/cron.d/x`, absolute paths, symlinks pointing outside the
        target and device files; `extractall` without a filter writes them all (CVE-2007-4559).

        **Fix:** `tar.extractall(path, filter="data")` (Python 3.12+, backported to 3.8.17+), or pass `members=` a
        function that drops unsafe members. Graded high with no `members=`, medium when `members=` is something
        opaque, low when it is a call (a filtering function).

        **Differs from Bandit:** `filter="tar"` is accepted as well as `filter="data"`, and so is a filter function
        (`filter=tarfile.data_filter`, or a project's own) other than `fully_trusted_filter`; a receiver whose name
        says it is a zip archive (`zf.extractall()`, `zip_ref.extractall()`) is left to zip rules.
        """);

    public override string BanditId => "B202";

    public override string BanditName => "tarfile_unsafe_members";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var functionName = call.Func switch
        {
            PyAttribute attribute => attribute.Attr,
            Name name => name.Id,
            _ => null,
        };
        if (functionName is null || !functionName.Contains("extractall", StringComparison.Ordinal) || !(context.BanditCompatible ? context.ImportedNames.Contains("tarfile") : context.Imports("tarfile")))
        {
            return;
        }

        if (!context.BanditCompatible && call.Func is PyAttribute { Value: var receiver } && Literals.DottedText(receiver) is { } receiverName
            && (receiverName.Contains("zip", StringComparison.OrdinalIgnoreCase) || receiverName == "zf" || receiverName.EndsWith(".zf", StringComparison.Ordinal)))
        {
            return;
        }

        var filterArgument = Literals.KeywordArgument(call, "filter")?.Value;
        var filter = Literals.Text(filterArgument);
        if (filter == "data" || (!context.BanditCompatible && filter == "tar"))
        {
            return;
        }

        // PEP 706 also takes the filter functions themselves (tarfile.data_filter) or a project's own; only
        // fully_trusted (the pre-3.14 default) keeps the old behaviour.
        if (!context.BanditCompatible && filterArgument is not null && filterArgument is not Constant && Literals.LastName(filterArgument) != "fully_trusted_filter")
        {
            return;
        }

        var callee = MessageText.Callee(call);
        if (Literals.KeywordArgument(call, "members") is { } members)
        {
            if (members.Value is Call)
            {
                context.Report(this, call, $"{callee} takes its members from {MessageText.Origin(members.Value)}; that function must drop absolute paths, '..' parts, links and device files", Severity.Low, Confidence.Low);
            }
            else
            {
                context.Report(this, call, $"{callee} extracts members={MessageText.Excerpt(context, members.Value, 40)}, which cannot be seen to exclude unsafe members", Severity.Medium, Confidence.Medium);
            }

            return;
        }

        var filterText = filter is null ? "no filter=" : $"filter='{filter}'";
        context.Report(this, call, $"{callee} with {filterText} and no members= writes every member, including '../' paths, absolute paths and links out of the target");
    }
}
