using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B306: Temporary file name from tempfile.mktemp.</summary>
public sealed class MktempCall : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("tempfile.mktemp");

    public override Rule Descriptor { get; } = Describe(
        "PY306", "mktemp", "Temporary file name from tempfile.mktemp", Severity.Medium, Confidence.High, 377, "B306", "S306", """
        `tempfile.mktemp` only returns a name; between that call and the file's creation another process can create
        the file (or a symlink) under the same name and have this program write into it.

        **Fix:** `tempfile.mkstemp()` or `tempfile.NamedTemporaryFile()`, which create the file atomically, or
        `tempfile.mkdtemp()` for a private directory.
        """);

    public override string BanditId => "B306";

    public override string BanditName => "mktemp_q";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name} returns a file name without creating the file; another process can create it first (use mkstemp or NamedTemporaryFile)";
}
