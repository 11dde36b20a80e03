using System.Collections.Frozen;
using System.Numerics;
using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B505: an RSA, DSA or elliptic-curve key generated too small to resist attack.</summary>
public sealed class WeakCryptographicKey : CallRule
{
    private const string Asymmetric = "cryptography.hazmat.primitives.asymmetric.";

    private static readonly FrozenDictionary<string, (string Kind, int Position, string Keyword)> Generators = new Dictionary<string, (string, int, string)>
    {
        [Asymmetric + "dsa.generate_private_key"] = ("DSA", 0, "key_size"),
        [Asymmetric + "rsa.generate_private_key"] = ("RSA", 1, "key_size"),
        [Asymmetric + "ec.generate_private_key"] = ("EC", 0, "curve"),
        ["Crypto.PublicKey.DSA.generate"] = ("DSA", 0, "bits"),
        ["Crypto.PublicKey.RSA.generate"] = ("RSA", 0, "bits"),
        ["Cryptodome.PublicKey.DSA.generate"] = ("DSA", 0, "bits"),
        ["Cryptodome.PublicKey.RSA.generate"] = ("RSA", 0, "bits"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Key strength in bits of the curves <c>cryptography</c> offers (the field size).</summary>
    private static readonly FrozenDictionary<string, int> CurveBits = new Dictionary<string, int>
    {
        ["SECT571K1"] = 571,
        ["SECT571R1"] = 570,
        ["SECP521R1"] = 521,
        ["BrainpoolP512R1"] = 512,
        ["SECT409K1"] = 409,
        ["SECT409R1"] = 409,
        ["BrainpoolP384R1"] = 384,
        ["SECP384R1"] = 384,
        ["SECT283K1"] = 283,
        ["SECT283R1"] = 283,
        ["BrainpoolP256R1"] = 256,
        ["SECP256K1"] = 256,
        ["SECP256R1"] = 256,
        ["SECT233K1"] = 233,
        ["SECT233R1"] = 233,
        ["SECP224R1"] = 224,
        ["SECP192R1"] = 192,
        ["SECT163K1"] = 163,
        ["SECT163R2"] = 163,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public override Rule Descriptor { get; } = Describe(
        "PY505", "weak-cryptographic-key", "RSA, DSA or EC key too small", Severity.High, Confidence.High, 326, "B505", "S505", """
        RSA and DSA keys below 2048 bits and elliptic curves below 224 bits are within reach of well-funded
        attackers; below 1024 bits (160 for curves) they are breakable outright and graded high, the rest medium.

        **Fix:** RSA with `key_size=3072` (at least 2048), or an elliptic curve such as `ec.SECP256R1()`, or
        Ed25519.

        **Differs from Bandit:** Bandit reads a curve only when it is passed as a class (`ec.SECP192R1`); Kingsnake
        also reads the usual instance form `ec.SECP192R1()`.
        """);

    public override string BanditId => "B505";

    public override string BanditName => "weak_cryptographic_key";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName is null || !Generators.TryGetValue(qualifiedName, out var generator))
        {
            return;
        }

        var argument = Literals.KeywordArgument(call, generator.Keyword)?.Value ?? (call.Args.Count > generator.Position ? call.Args[generator.Position] : null);
        int bits;
        string shown;
        if (generator.Kind == "EC")
        {
            var curve = argument switch
            {
                PyAttribute attribute => attribute.Attr,
                Name name => name.Id,
                Call { Func: PyAttribute attribute } when !context.BanditCompatible => attribute.Attr,
                Call { Func: Name name } when !context.BanditCompatible => name.Id,
                _ => null,
            };
            if (curve is null || !CurveBits.TryGetValue(curve, out bits))
            {
                return;
            }

            shown = $"the curve {curve} ({bits} bits)";
        }
        else
        {
            if (argument is not Constant { Value: { Kind: ConstantKind.Int } value } || value.Integer <= BigInteger.Zero || value.Integer > 1_000_000)
            {
                return;
            }

            bits = (int)value.Integer;
            shown = $"a {bits}-bit {generator.Kind} key";
        }

        var (high, medium) = generator.Kind switch
        {
            "EC" => (160, 224),
            _ => (1024, 2048),
        };
        if (bits < medium)
        {
            var severity = bits < high ? Severity.High : Severity.Medium;
            context.Report(this, call, $"{qualifiedName} generates {shown}, below the {medium} bits needed to resist attack", severity);
        }
    }
}
