using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B403: importing a pickle-family module (a hint to review how it is used).</summary>
public sealed class PickleImport : CodeRule
{
    private static readonly NodeKind[] Kinds = [NodeKind.Import, NodeKind.ImportFrom, NodeKind.Call];
    private static readonly string[] Modules = ["pickle", "cPickle", "dill", "shelve"];

    public override Rule Descriptor { get; } = Describe(
        "PY403", "pickle-import", "Pickle-family module imported", Severity.Low, Confidence.High, 502, "B403", "S403", """
        The module imported (`pickle`, `cPickle`, `dill`, `shelve`) deserialises by running code; review that it only
        ever loads data this program wrote itself. This is a review hint, graded low; PY301 reports the load calls.

        **Fix:** for data that crosses a trust boundary, use JSON or another data-only format; otherwise sign the
        pickled bytes (HMAC) and check the signature before loading.

        **Differs from Bandit:** Bandit matches on the text prefix, so `import pickletools` is reported; Kingsnake
        matches whole module names (`pickle`, `pickle.x`). One finding per statement, as in Bandit.
        """);

    public override string BanditId => "B403";

    public override string BanditName => "import_pickle";

    public override IReadOnlyList<NodeKind> NodeKinds => Kinds;

    public override void Check(Node node, FileContext context)
    {
        switch (node)
        {
            case Import import:
                foreach (var alias in import.Names)
                {
                    if (Match(alias.Name, context) is { } module)
                    {
                        Report(node, module, context);
                        return;
                    }
                }

                break;
            case ImportFrom { Level: null or 0, Module: { } from } importFrom:
                if (Match(from, context) is { } fromModule)
                {
                    Report(node, fromModule, context);
                    return;
                }

                foreach (var alias in importFrom.Names)
                {
                    if (Match(from + "." + alias.Name, context) is { } module)
                    {
                        Report(node, module, context);
                        return;
                    }
                }

                break;
            case Call call when call.Args.Count > 0 && Literals.Text(call.Args[0]) is { } name
                && context.CallName(call) is "__import__" or "importlib.import_module" or "importlib.__import__"
                && Array.IndexOf(Modules, name) >= 0:
                Report(node, name, context);
                break;
        }
    }

    private static string? Match(string imported, FileContext context)
    {
        foreach (var module in Modules)
        {
            var prefix = imported.StartsWith(module, StringComparison.Ordinal);
            if (prefix && (context.BanditCompatible || imported.Length == module.Length || imported[module.Length] == '.'))
            {
                return module;
            }
        }

        return null;
    }

    private void Report(Node node, string module, FileContext context) =>
        context.Report(this, node, $"'{module}' is imported; its loaders run code embedded in the data, so it must only read data this program wrote");
}
