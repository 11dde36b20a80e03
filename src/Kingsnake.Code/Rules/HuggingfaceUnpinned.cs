using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B615: a Hugging Face model or dataset downloaded without pinning a commit.</summary>
public sealed class HuggingfaceUnpinned : CallRule
{
    private static readonly string[] Libraries = ["transformers", "datasets", "huggingface_hub"];
    private static readonly string[] Downloads = ["from_pretrained", "load_dataset", "hf_hub_download", "snapshot_download"];

    public override Rule Descriptor { get; } = Describe(
        "PY615", "huggingface-unpinned-download", "Hugging Face download without a pinned revision", Severity.Medium, Confidence.High, 494, "B615", null, """
        Without `revision=` the Hub serves whatever the repository's main branch holds at the time: a compromised
        or changed repository delivers new weights, code (`trust_remote_code`) or data without any change here.
        A branch or tag name can move too; only a commit hash pins the content.

        **Fix:** pass `revision="<commit sha>"` (at least 7 hex digits, the full 40 preferably).

        **Differs from Bandit:** Bandit needs only some imported name containing one of the libraries' names;
        Kingsnake needs `transformers`, `datasets` or `huggingface_hub` (or a submodule) imported, and does not
        report a call passing `**kwargs`.
        """);

    public override string BanditId => "B615";

    public override string BanditName => "huggingface_unsafe_download";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var function = call.Func switch
        {
            PyAttribute attribute => attribute.Attr,
            Name name => name.Id,
            _ => null,
        };
        if (function is null || Array.IndexOf(Downloads, function) < 0)
        {
            return;
        }

        var imported = context.BanditCompatible
            ? context.ImportedNames.Any(n => Libraries.Any(l => n.Contains(l, StringComparison.Ordinal)))
            : Libraries.Any(context.Imports);
        if (!imported || (!context.BanditCompatible && Literals.HasDoubleStar(call)))
        {
            return;
        }

        var source = call.Args.Count > 0 ? call.Args[0] : (Literals.KeywordArgument(call, "repo_id") ?? Literals.KeywordArgument(call, "path") ?? Literals.KeywordArgument(call, "pretrained_model_name_or_path"))?.Value;
        if (Literals.Text(source) is { } path && IsLocalPath(path))
        {
            return;
        }

        var revision = (Literals.KeywordArgument(call, "revision") ?? Literals.KeywordArgument(call, "commit_id"))?.Value;
        if (revision is not null && (Literals.Text(revision) is not { } pinned || IsCommitHash(pinned)))
        {
            return; // a computed revision is the caller's decision; a literal commit hash pins the content
        }

        var what = source is null ? "" : " of " + MessageText.Origin(source);
        var setting = revision is null ? "without revision=" : $"with revision={MessageText.LiteralText(revision, 30)}, a movable branch or tag,";
        context.Report(this, call, $"{MessageText.Callee(call)}{what} downloads {setting} so the repository's current content is what runs; pin a commit hash");
    }

    private static bool IsLocalPath(string path) =>
        path.StartsWith('/') || path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal) || path.StartsWith('~') || path == ".";

    private static bool IsCommitHash(string text) => text.Length is >= 7 and <= 64 && text.All(char.IsAsciiHexDigit);
}
