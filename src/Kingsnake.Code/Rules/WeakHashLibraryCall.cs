using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B303: MD2, MD4, MD5 or SHA-1 from a crypto library.</summary>
public sealed class WeakHashLibraryCall : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("Crypto.Hash.MD2.new", "Crypto.Hash.MD4.new", "Crypto.Hash.MD5.new", "Crypto.Hash.SHA.new", "Cryptodome.Hash.MD2.new", "Cryptodome.Hash.MD4.new", "Cryptodome.Hash.MD5.new", "Cryptodome.Hash.SHA.new", "cryptography.hazmat.primitives.hashes.MD5", "cryptography.hazmat.primitives.hashes.SHA1");

    public override Rule Descriptor { get; } = Describe(
        "PY303", "weak-hash-library", "MD2, MD4, MD5 or SHA-1 from a crypto library", Severity.Medium, Confidence.High, 327, "B303", "S303", """
        MD2, MD4, MD5 and SHA-1 are broken for collision resistance: they must not sign, authenticate or protect
        passwords. PY324 covers the same algorithms from `hashlib`; this rule covers PyCrypto, PyCryptodome and
        `cryptography`.

        **Fix:** use SHA-256 or better (`Crypto.Hash.SHA256`, `hashes.SHA256()`), and a password hash (scrypt,
        argon2) for passwords.
        """);

    public override string BanditId => "B303";

    public override string BanditName => "md5";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name} selects {Algorithm(name)}, a hash broken for collision resistance; use SHA-256 or better where security depends on it";

    private static string Algorithm(string name)
    {
        var parts = name.Split('.');
        var algorithm = parts[^1] == "new" ? parts[^2] : parts[^1];
        return algorithm == "SHA" ? "SHA-1" : algorithm;
    }
}
