using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Support;

/// <summary>
/// A Bandit blacklisted-import check (B4xx): an <c>import</c>, <c>from … import</c>, <c>__import__("m")</c> or
/// <c>importlib.import_module("m")</c> of a listed module. One finding per statement. In Bandit mode the names match
/// by text prefix and only the first blacklist entry that matches the statement reports (as Bandit's single
/// blacklist test does); in Kingsnake mode names match whole dotted components and each rule judges on its own.
/// </summary>
public abstract class BlacklistedImportRule : CodeRule
{
    private static readonly NodeKind[] Kinds = [NodeKind.Import, NodeKind.ImportFrom, NodeKind.Call];

    public override IReadOnlyList<NodeKind> NodeKinds => Kinds;

    /// <summary>
    /// Null when Kingsnake reports the import itself (the library is the weakness: PyCrypto, pyghmi, CGI handlers);
    /// otherwise why it does not: the rules named there judge each call of the module where it is made, so an import
    /// alone tells a reviewer nothing to act on. <c>--compat bandit</c> reports every listed import.
    /// </summary>
    protected virtual string? JudgedAtCallsBy => null;

    /// <summary>The listed module names (or module-qualified names) this rule reports.</summary>
    protected abstract string[] Modules { get; }

    /// <summary>Why importing <paramref name="module"/> deserves a look, as the end of the message.</summary>
    protected abstract string Reason(string module);

    public sealed override void Check(Node node, FileContext context)
    {
        if (!context.BanditCompatible && JudgedAtCallsBy is not null)
        {
            return;
        }

        if (node is Call call)
        {
            var dynamic = ImportBlacklist.DynamicImport(call, context);
            if (dynamic is not null && Array.IndexOf(Modules, dynamic) >= 0
                && (!context.BanditCompatible || ImportBlacklist.FirstBanditMatch([dynamic], exact: true)?.Id == BanditId))
            {
                Report(node, dynamic, context);
            }
            else if (dynamic is null && context.BanditCompatible && context.BanditImportMatch(call) is { } hit && hit.Id == BanditId)
            {
                // Bandit matches the import blacklist against every call's name too, so a call of a function that
                // happens to be named like a listed module (copyreg's own `pickle(...)`) is reported as an import.
                Report(node, hit.Name, context);
            }

            return;
        }

        var names = ImportBlacklist.ImportedNames(node, context.BanditCompatible);
        if (context.BanditCompatible)
        {
            if (ImportBlacklist.FirstBanditMatch(names, exact: false) is { } first && first.Id == BanditId)
            {
                Report(node, first.Name, context);
            }

            return;
        }

        foreach (var name in names)
        {
            foreach (var module in Modules)
            {
                if (name.StartsWith(module, StringComparison.Ordinal) && (name.Length == module.Length || name[module.Length] == '.'))
                {
                    Report(node, name, context);
                    return;
                }
            }
        }
    }

    private void Report(Node node, string module, FileContext context) =>
        context.Report(this, node, $"{MessageText.Quote(module)} is imported; {Reason(module)}");
}

/// <summary>Bandit's import blacklist in its own order, shared so only the first matching entry reports in Bandit mode.</summary>
internal static class ImportBlacklist
{
    private static readonly (string Id, string[] Modules)[] Entries =
    [
        ("B401", ["telnetlib"]),
        ("B402", ["ftplib"]),
        ("B403", ["pickle", "cPickle", "dill", "shelve"]),
        ("B404", ["subprocess"]),
        ("B405", ["xml.etree.cElementTree", "xml.etree.ElementTree"]),
        ("B406", ["xml.sax"]),
        ("B407", ["xml.dom.expatbuilder"]),
        ("B408", ["xml.dom.minidom"]),
        ("B409", ["xml.dom.pulldom"]),
        ("B411", ["xmlrpc"]),
        ("B412", ["wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript", "twisted.web.twcgi.CGIDirectory"]),
        ("B413", ["Crypto.Cipher", "Crypto.Hash", "Crypto.IO", "Crypto.Protocol", "Crypto.PublicKey", "Crypto.Random", "Crypto.Signature", "Crypto.Util"]),
        ("B415", ["pyghmi"]),
    ];

    /// <summary>
    /// The names a statement imports, as Bandit composes them: <c>a.b</c> for <c>import a.b</c>, <c>m.n</c> for
    /// <c>from m import n</c>. Relative imports count only in Bandit mode (Bandit ignores the dots).
    /// </summary>
    public static List<string> ImportedNames(Node node, bool banditMode)
    {
        var names = new List<string>();
        switch (node)
        {
            case Import import:
                names.AddRange(import.Names.Select(a => a.Name));
                break;
            case ImportFrom importFrom when banditMode || importFrom.Level is null or 0:
                var prefix = importFrom.Module is { } module ? module + "." : "";
                names.AddRange(importFrom.Names.Select(a => prefix + a.Name));
                break;
        }

        return names;
    }

    /// <summary>The literal module name of <c>__import__("m")</c> or <c>importlib.import_module("m")</c>, else null.</summary>
    public static string? DynamicImport(Call call, FileContext context) =>
        call.Args.Count > 0 && Literals.Text(call.Args[0]) is { } name
        && context.CallName(call) is "__import__" or "importlib.import_module" or "importlib.__import__" ? name : null;

    /// <summary>The first entry (in Bandit's order) any of <paramref name="names"/> matches, and the name matched.</summary>
    public static (string Id, string Name)? FirstBanditMatch(IReadOnlyList<string> names, bool exact)
    {
        foreach (var (id, modules) in Entries)
        {
            foreach (var name in names)
            {
                foreach (var module in modules)
                {
                    if (exact ? name == module : name.StartsWith(module, StringComparison.Ordinal))
                    {
                        return (id, name);
                    }
                }
            }
        }

        return null;
    }
}
