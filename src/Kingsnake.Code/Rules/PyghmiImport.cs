using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B415: pyghmi (IPMI) imported (a hint to review how it is used).</summary>
public sealed class PyghmiImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["pyghmi"];

    public override Rule Descriptor { get; } = Describe(
        "PY415", "pyghmi-import", "pyghmi (IPMI) imported", Severity.High, Confidence.High, 319, "B415", "S415", """
        IPMI, which `pyghmi` speaks, leaks password hashes to unauthenticated clients (RAKP) and often allows
        cipher suite 0 (no authentication).

        **Fix:** keep BMCs on an isolated management network, or use Redfish over HTTPS.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        """);

    public override string BanditId => "B415";

    public override string BanditName => "import_pyghmi";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "IPMI is a weakly protected protocol (RAKP hash disclosure, cipher 0); keep it off untrusted networks";
}
