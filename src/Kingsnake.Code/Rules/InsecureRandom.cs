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

        **Differs from Bandit:** Kingsnake reports a draw only where the value becomes a secret, as the names around it
        say (`token = …`, `nonce=…`, `def make_password(): return …`); jitter, sampling, boundaries, temporary names and
        ids are not reported.
        """);

    public override string BanditId => "B311";

    public override string BanditName => "random";

    protected override FrozenSet<string> Functions => Names;

    /// <summary>
    /// Kingsnake reports a draw only where its value becomes a secret: the name it lands in, the keyword it is passed
    /// as or the function returning it says token, password, key, nonce, salt, session… Retry jitter, sampling,
    /// multipart boundaries, temporary names and ids are what `random` is for.
    /// </summary>
    protected override bool IsHarmless(string name, Call call, FileContext context) => !SecurityWords.ServesSecret(context);

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name} draws from a predictable generator; use the secrets module for tokens, passwords and keys";
}
