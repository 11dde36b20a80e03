using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B304: Broken or weak block or stream cipher.</summary>
public sealed class WeakCipher : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("Crypto.Cipher.ARC2.new", "Crypto.Cipher.ARC4.new", "Crypto.Cipher.Blowfish.new", "Crypto.Cipher.DES.new", "Crypto.Cipher.XOR.new", "Cryptodome.Cipher.ARC2.new", "Cryptodome.Cipher.ARC4.new", "Cryptodome.Cipher.Blowfish.new", "Cryptodome.Cipher.DES.new", "Cryptodome.Cipher.XOR.new", "cryptography.hazmat.primitives.ciphers.algorithms.ARC4", "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish", "cryptography.hazmat.primitives.ciphers.algorithms.CAST5", "cryptography.hazmat.primitives.ciphers.algorithms.IDEA", "cryptography.hazmat.primitives.ciphers.algorithms.SEED", "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES");

    public override Rule Descriptor { get; } = Describe(
        "PY304", "weak-cipher", "Broken or weak block or stream cipher", Severity.High, Confidence.High, 327, "B304", "S304", """
        RC2, RC4, Blowfish, DES, XOR, CAST5, IDEA, SEED and Triple-DES have known breaks, keys too short for today,
        or 64-bit blocks that leak data after a few gigabytes (Sweet32).

        **Fix:** use AES-GCM or ChaCha20-Poly1305 (`cryptography`'s `AESGCM`/`ChaCha20Poly1305`, or
        `Crypto.Cipher.AES` in GCM mode).
        """);

    public override string BanditId => "B304";

    public override string BanditName => "ciphers";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name} encrypts with {Cipher(name)}, a cipher that is broken or too weak today; use AES-GCM or ChaCha20-Poly1305";

    private static string Cipher(string name)
    {
        var parts = name.Split('.');
        return parts[^1] == "new" ? parts[^2] : parts[^1];
    }
}
