using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyList = Kingsnake.Python.Ast.List;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// PyYAML's loaders other than <c>yaml.load</c> (which PY506/B506 covers) that build Python objects:
/// <c>unsafe_load[_all]</c>, <c>load_all</c> with an unsafe or no Loader, <c>full_load[_all]</c>, and ruamel.yaml's
/// <c>YAML(typ="unsafe")</c>. Motivated by CVE-2017-18342 and CVE-2019-20477 (load and load_all building arbitrary
/// objects), CVE-2020-1747 and CVE-2020-14343 (FullLoader / full_load running code before PyYAML 5.4).
/// </summary>
public sealed class YamlUnsafeLoad : CallRule
{
    public override Rule Descriptor { get; } = DescribeOwn(
        "PY804", "yaml-unsafe-load", "YAML loaded with a loader that builds Python objects", Severity.Medium, Confidence.High, 502, null, """
        PyYAML's `unsafe_load`, `unsafe_load_all`, and `load_all` with `Loader=yaml.Loader`/`UnsafeLoader` (or no
        Loader, which older PyYAML read as the full loader) construct any Python object a tag names
        (`!!python/object/apply:os.system`): loading untrusted YAML runs code. PY506 (Bandit B506) covers only
        `yaml.load`; this rule covers the other entry points. ruamel.yaml's `YAML(typ="unsafe")` is the same
        loader.

        `full_load`, `full_load_all` and `load_all(..., Loader=FullLoader)` are graded low: the full loader ran code
        before PyYAML 5.4 (CVE-2020-1747, GHSA-6757-jp84-gxfx; CVE-2020-14343, GHSA-8q59-q68h-6hv4); since 5.4 it
        still resolves `!!python/name:` references to anything already imported.
        Motivating advisories for the unsafe loaders: CVE-2017-18342 (GHSA-rprw-h62v-c2w7) and CVE-2019-20477
        (GHSA-3pqx-4fqf-j49f, `load_all`).

        **Fix:** `yaml.safe_load(text)` / `yaml.safe_load_all(text)`, or `Loader=yaml.SafeLoader`
        (`CSafeLoader`); with ruamel.yaml, `YAML(typ="safe")`.
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        // CVE-2017-18342, CVE-2019-20477, CVE-2020-1747, CVE-2020-14343: see the help text.
        switch (qualifiedName)
        {
            case "yaml.unsafe_load" or "yaml.unsafe_load_all":
                context.Report(this, call, $"{qualifiedName} builds any Python object the document's tags name; use yaml.safe_load");
                break;
            case "yaml.full_load" or "yaml.full_load_all":
                context.Report(this, call, $"{qualifiedName} uses the full loader, which ran code before PyYAML 5.4 and still resolves python/name tags; use yaml.safe_load", Severity.Low, Confidence.Medium);
                break;
            case "yaml.load_all":
                var loader = Literals.KeywordArgument(call, "Loader")?.Value ?? (call.Args.Count > 1 ? call.Args[1] : null);
                if (loader is null && Literals.HasDoubleStar(call))
                {
                    return;
                }

                switch (Literals.LastName(loader))
                {
                    case "SafeLoader" or "CSafeLoader" or "BaseLoader" or "CBaseLoader":
                        return;
                    case "FullLoader" or "CFullLoader":
                        context.Report(this, call, "yaml.load_all with the full loader, which ran code before PyYAML 5.4; use yaml.safe_load_all", Severity.Low, Confidence.Medium);
                        return;
                    case null when loader is null:
                        context.Report(this, call, "yaml.load_all without a Loader builds Python objects on PyYAML before 6.0; use yaml.safe_load_all");
                        return;
                    case "Loader" or "UnsafeLoader" or "CLoader" or "CUnsafeLoader":
                        context.Report(this, call, $"yaml.load_all with Loader={MessageText.Excerpt(context, loader!, 40)} builds any Python object the documents' tags name; use yaml.safe_load_all");
                        return;
                    default:
                        return; // a custom loader class: nothing to judge it by
                }

            case "ruamel.yaml.YAML" or "ruamel.yaml.main.YAML":
                var typ = Literals.KeywordArgument(call, "typ")?.Value;
                if (IsUnsafeType(typ))
                {
                    context.Report(this, call, "ruamel.yaml YAML(typ='unsafe') builds any Python object the document's tags name; use typ='safe'");
                }

                break;
        }
    }

    private static bool IsUnsafeType(ExprNode? typ) => typ switch
    {
        Constant => Literals.Text(typ) == "unsafe",
        PyList list => list.Elts.Any(e => Literals.Text(e) == "unsafe"),
        PyTuple tuple => tuple.Elts.Any(e => Literals.Text(e) == "unsafe"),
        _ => false,
    };
}
