using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B324: MD4/MD5/SHA-1 (and weak <c>crypt</c> methods) used where security may depend on them.</summary>
public sealed class WeakHash : CallRule
{
    private static readonly string[] WeakHashes = ["md4", "md5", "sha", "sha1"];
    private static readonly string[] WeakCryptMethods = ["METHOD_CRYPT", "METHOD_MD5", "METHOD_BLOWFISH"];

    public override Rule Descriptor { get; } = Describe(
        "PY324", "weak-hash", "MD4, MD5 or SHA-1 hash where security may depend on it", Severity.High, Confidence.High, 327, "B324", "S324", """
        MD4, MD5 and SHA-1 are broken for collision resistance; they must not protect passwords, signatures or
        integrity. Non-security uses (cache keys, checksums of trusted data) should say so with
        `usedforsecurity=False`, which also keeps them working on FIPS systems. `crypt` with the DES, MD5 or Blowfish
        method is graded medium.

        **Fix:** use `hashlib.sha256` (or `blake2b`), `hashlib.scrypt`/`argon2` for passwords, or pass
        `usedforsecurity=False` for non-security uses.

        **Differs from Bandit:** Kingsnake reports a weak hash only where the names around it say security depends on
        it (a password, token, PIN, key or signature is hashed or produced) and grades it medium; ETags, cache keys,
        checksum fields and protocols that mandate MD5 or SHA-1 (HTTP Digest) are not reported. The call must resolve to `hashlib.*` or `crypt.*` (Bandit accepts a `hashlib` part
        anywhere in the dotted name).
        """);

    public override string BanditId => "B324";

    public override string BanditName => "hashlib";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var name = qualifiedName ?? (context.BanditCompatible ? Literals.DottedText(call.Func) : null);
        if (name is null)
        {
            return;
        }

        var dot = name.LastIndexOf('.');
        var function = name[(dot + 1)..];
        var owner = dot < 0 ? "" : name[..dot];
        var isHashlib = context.BanditCompatible ? name.Split('.').Contains("hashlib") : owner == "hashlib";
        var isCrypt = context.BanditCompatible ? name.Split('.').Contains("crypt") : owner == "crypt";
        if (isHashlib)
        {
            string? algorithm = null;
            if (Array.IndexOf(WeakHashes, function) >= 0)
            {
                algorithm = function;
            }
            else if (function == "new")
            {
                var argument = call.Args.Count > 0 ? call.Args[0] : Literals.KeywordArgument(call, "name")?.Value;
                if (Literals.Text(argument) is { } text && Array.IndexOf(WeakHashes, text.ToLowerInvariant()) >= 0)
                {
                    algorithm = text;
                }
            }

            if (algorithm is not null && ForSecurity(call) && (context.BanditCompatible || ServesSecurity(call, context)))
            {
                var shown = function == "new" ? $"{name}('{algorithm}')" : name;
                context.Report(this, call, $"{shown} computes {algorithm.ToUpperInvariant()}, which is broken for security use, without usedforsecurity=False", context.BanditCompatible ? null : Severity.Medium);
            }
        }
        else if (isCrypt && function is "crypt" or "mksalt")
        {
            var argument = function == "crypt"
                ? (call.Args.Count > 1 ? call.Args[1] : Literals.KeywordArgument(call, "salt")?.Value)
                : (call.Args.Count > 0 ? call.Args[0] : Literals.KeywordArgument(call, "method")?.Value);
            if (Literals.LastName(argument) is { } method && Array.IndexOf(WeakCryptMethods, method) >= 0)
            {
                context.Report(this, call, $"{name} uses crypt.{method}, a password hash that is fast to brute-force", Severity.Medium);
            }
        }
    }

    /// <summary>
    /// Kingsnake's test: the names around the digest (where it lands, the function returning it, the data hashed)
    /// say it protects something (a password, token, PIN, signature). An ETag, a cache key, a checksum field
    /// (<c>md5_digest</c>) or a protocol's own digest (HTTP Digest authentication mandates MD5) says it does not.
    /// </summary>
    private static bool ServesSecurity(Call call, FileContext context) =>
        SecurityWords.ServesSecret(context, call.Args.SelectMany(SecurityWords.Identifiers));

    /// <summary>Without <c>usedforsecurity</c>, or with a value that is not literally false, the hash may guard something.</summary>
    private static bool ForSecurity(Call call) =>
        Literals.KeywordArgument(call, "usedforsecurity") is not { } keyword || Literals.Truthiness(keyword.Value) != false && keyword.Value is not Name;
}
