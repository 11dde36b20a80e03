using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B403: importing a pickle-family module (a hint to review how it is used).</summary>
public sealed class PickleImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["pickle", "cPickle", "dill", "shelve"];

    public override Rule Descriptor { get; } = Describe(
        "PY403", "pickle-import", "Pickle-family module imported", Severity.Low, Confidence.High, 502, "B403", "S403", """
        The module imported (`pickle`, `cPickle`, `dill`, `shelve`) deserialises by running code; review that it only
        ever loads data this program wrote itself. This is a review hint, graded low; PY301 reports the load calls.

        **Fix:** for data that crosses a trust boundary, use JSON or another data-only format; otherwise sign the
        pickled bytes (HMAC) and check the signature before loading.

        **Differs from Bandit:** Bandit matches on the text prefix, so `import pickletools` is reported; Kingsnake
        matches whole module names (`pickle`, `pickle.x`). One finding per statement, as in Bandit.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY301).
        """);

    public override string BanditId => "B403";

    public override string BanditName => "import_pickle";

    protected override string? JudgedAtCallsBy => "PY301";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) =>
        "its loaders run code embedded in the data, so it must only read data this program wrote";
}
