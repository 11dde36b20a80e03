using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B311: Pseudo-random generator used where secrets may need randomness.</summary>
public sealed class InsecureRandom : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("random.Random", "random.random", "random.randrange", "random.randint", "random.choice", "random.choices", "random.uniform", "random.triangular", "random.randbytes", "random.sample", "random.getrandbits");

    public override Rule Descriptor { get; } = Describe(
        "PY311", "insecure-random", "Pseudo-random generator used where secrets may need randomness", Severity.Low, Confidence.High, 330, "B311", "S311", """
        The `random` module's Mersenne Twister is predictable: after seeing some outputs an attacker can compute the
        next ones. It is fine for simulations and shuffling test data, not for tokens, passwords, keys or nonces.

        **Fix:** use `secrets` (`secrets.token_urlsafe()`, `secrets.choice()`) or `random.SystemRandom` for
        anything security depends on.
        """);

    public override string BanditId => "B311";

    public override string BanditName => "random";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name} draws from a predictable generator; use the secrets module for tokens, passwords and keys";
}
