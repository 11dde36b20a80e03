using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B404: subprocess imported (a hint to review how it is used).</summary>
public sealed class SubprocessImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["subprocess"];

    public override Rule Descriptor { get; } = Describe(
        "PY404", "subprocess-import", "subprocess imported", Severity.Low, Confidence.High, 78, "B404", "S404", """
        A review hint, graded low: the module runs external programs, so check that no command or argument is
        built from untrusted input. PY602–PY607 report the calls themselves.

        **Fix:** pass argument lists (not strings), never `shell=True` with input, and full program paths.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY602–PY607).
        """);

    public override string BanditId => "B404";

    public override string BanditName => "import_subprocess";

    protected override string? JudgedAtCallsBy => "PY602–PY607";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "review that the commands it runs are not built from input";
}
