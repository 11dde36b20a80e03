using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B301: deserialising pickle-family data runs code chosen by whoever wrote the data.</summary>
public sealed class PickleCall : CallRule
{
    private static readonly FrozenSet<string> Functions = new[]
    {
        "pickle.load", "pickle.loads", "pickle.Unpickler", "dill.load", "dill.loads", "dill.Unpickler", "shelve.open",
        "shelve.DbfilenameShelf", "jsonpickle.decode", "jsonpickle.unpickler.decode", "jsonpickle.unpickler.Unpickler",
        "pandas.read_pickle",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// jsonpickle's top-level aliases of its decoder (<c>loads = decode</c>, and the re-exported <c>Unpickler</c>), which
    /// Bandit's list misses; reported in Kingsnake mode only, so Bandit mode keeps Bandit's counts (CVE-2020-22083).
    /// </summary>
    private static readonly FrozenSet<string> KingsnakeOnly = new[] { "jsonpickle.loads", "jsonpickle.Unpickler" }.ToFrozenSet(StringComparer.Ordinal);

    public override Rule Descriptor { get; } = Describe(
        "PY301", "pickle-load", "Data loaded with pickle or a pickle wrapper", Severity.Medium, Confidence.High, 502, "B301", "S301", """
        Unpickling (`pickle`, `dill`, `shelve`, `jsonpickle`, `pandas.read_pickle`) can construct any object and call
        any function: loading untrusted pickle data is running untrusted code.

        **Fix:** exchange data as JSON or another data-only format; if pickle is unavoidable, authenticate the bytes
        (HMAC) before loading them.

        **Differs from Bandit:** `jsonpickle.loads` and `jsonpickle.Unpickler`, the package's top-level aliases of
        `decode` and `unpickler.Unpickler`, count too (jsonpickle decoding untrusted data: CVE-2020-22083).
        """);

    public override string BanditId => "B301";

    public override string BanditName => "pickle";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is not null && (Functions.Contains(qualifiedName) || (!context.BanditCompatible && KingsnakeOnly.Contains(qualifiedName))))
        {
            var data = call.Args.Count > 0 && call.Args[0] is Name or Kingsnake.Python.Ast.Attribute ? MessageText.Origin(call.Args[0]) + ", which" : "data that";
            context.Report(this, call, $"{qualifiedName} deserializes {data} may come from outside; a crafted pickle runs code");
        }
    }
}
