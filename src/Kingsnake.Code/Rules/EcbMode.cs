using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B305: Block cipher in ECB mode.</summary>
public sealed class EcbMode : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("cryptography.hazmat.primitives.ciphers.modes.ECB");

    public override Rule Descriptor { get; } = Describe(
        "PY305", "ecb-mode", "Block cipher in ECB mode", Severity.Medium, Confidence.High, 327, "B305", "S305", """
        ECB encrypts equal plaintext blocks to equal ciphertext blocks, so the structure of the data shows through
        the encryption, and blocks can be cut and pasted between messages.

        **Fix:** use an authenticated mode: AES-GCM (`modes.GCM`, or `AESGCM`) or ChaCha20-Poly1305.
        """);

    public override string BanditId => "B305";

    public override string BanditName => "cipher_modes";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name} selects ECB mode, which encrypts equal blocks alike and leaks the shape of the data; use GCM";
}
