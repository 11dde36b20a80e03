using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B413: PyCrypto imported (a hint to review how it is used).</summary>
public sealed class PycryptoImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["Crypto.Cipher", "Crypto.Hash", "Crypto.IO", "Crypto.Protocol", "Crypto.PublicKey", "Crypto.Random", "Crypto.Signature", "Crypto.Util"];

    public override Rule Descriptor { get; } = Describe(
        "PY413", "pycrypto-import", "PyCrypto imported", Severity.High, Confidence.High, 327, "B413", "S413", """
        PyCrypto has been unmaintained since 2013 and has known flaws (CVE-2013-7459 heap overflow among them).
        PyCryptodome installs under the same `Crypto` name, so check which package provides it.

        **Fix:** use `cryptography`, or `pycryptodome` (as `Crypto` or `Cryptodome`).

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        """);

    public override string BanditId => "B413";

    public override string BanditName => "import_pycrypto";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "the PyCrypto package is unmaintained and has known vulnerabilities (pycryptodome or cryptography replace it)";
}
