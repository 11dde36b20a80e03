using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B506: <c>yaml.load</c> without a safe loader can build arbitrary Python objects.</summary>
public sealed class YamlLoad : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY506", "yaml-load", "yaml.load without a safe Loader", Severity.Medium, Confidence.High, 20, "B506", "S506", """
        PyYAML's `load` with the full or unsafe loader constructs arbitrary Python objects from tags in the document
        (`!!python/object/apply:os.system`): loading untrusted YAML runs code.

        **Fix:** `yaml.safe_load(text)`, or `yaml.load(text, Loader=yaml.SafeLoader)`.

        **Differs from Bandit:** the call must resolve to `yaml.load` (Bandit needs a plain `import yaml` and then
        accepts any dotted name containing a `yaml` part and ending in `load`, so it misses `from yaml import load`),
        and `BaseLoader`/`CBaseLoader`, which build only strings, lists and dicts,
        count as safe too, as do loaders named as subclasses of the safe one (`SafeOrderedLoader`,
        `SafeLoaderWrapper`) and a local name bound only to such a loader.
        """);

    public override string BanditId => "B506";

    public override string BanditName => "yaml_load";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (context.BanditCompatible)
        {
            var name = qualifiedName ?? Literals.DottedText(call.Func);
            if (name is null || !context.ImportedNames.Contains("yaml") || !name.EndsWith(".load", StringComparison.Ordinal) || !name.Split('.').Contains("yaml"))
            {
                return;
            }
        }
        else if (qualifiedName is not "yaml.load")
        {
            return;
        }

        var loader = Literals.KeywordArgument(call, "Loader")?.Value ?? (call.Args.Count > 1 ? call.Args[1] : null);
        if (IsSafe(Literals.LastName(loader), context.BanditCompatible)
            || (!context.BanditCompatible && loader is Name local && ConstantFolding.BoundValues(local.Id, context) is { } bound
                && bound.All(v => IsSafe(Literals.LastName(v), banditCompatible: false))))
        {
            return;
        }

        var shown = qualifiedName ?? Literals.DottedText(call.Func) ?? "yaml.load";
        var message = loader is null
            ? $"{shown} without a safe Loader can build arbitrary Python objects from the document's tags"
            : $"{shown} with Loader={MessageText.Excerpt(context, loader, 40)} can build arbitrary Python objects from the document's tags";
        context.Report(this, call, message);
    }

    private static bool IsSafe(string? loader, bool banditCompatible) =>
        loader is "SafeLoader" or "CSafeLoader"
        || (!banditCompatible && (loader is "BaseLoader" or "CBaseLoader" || (loader is not null && loader.Contains("SafeLoader", StringComparison.Ordinal))
            || (loader is not null && loader.StartsWith("Safe", StringComparison.Ordinal) && loader.EndsWith("Loader", StringComparison.Ordinal))));
}
