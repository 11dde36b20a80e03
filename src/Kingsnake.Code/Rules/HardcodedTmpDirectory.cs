using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B108: a hard-coded path in a shared temporary directory.</summary>
public sealed class HardcodedTmpDirectory : CodeRule
{
    private static readonly string[] DefaultTmpDirs = ["/tmp", "/var/tmp", "/dev/shm"];

    public override Rule Descriptor { get; } = Describe(
        "PY108", "hardcoded-tmp-directory", "Fixed path in a shared temporary directory", Severity.Medium, Confidence.Medium, 377, "B108", "S108", """
        A fixed name in a world-writable directory (`/tmp/app.lock`) can be created first by another local user, as a
        symlink to a file of yours or with contents of theirs.

        **Fix:** use `tempfile.mkstemp`, `tempfile.NamedTemporaryFile` or `tempfile.mkdtemp`, which pick unique names
        safely. The directories are Bandit's `hardcoded_tmp_directory.tmp_dirs` (default `/tmp`, `/var/tmp`,
        `/dev/shm`).

        **Differs from Bandit:** Kingsnake reports the path only where a file is made or opened with it: passed
        (directly, through `os.path.join`/`Path(...)`, or through a name bound to it in the same function or module)
        to `open`, `os.open`, `mkdir`, `makedirs`, a tempfile call's `dir=`, a log handler, a database or archive
        constructor. A comparison, a prefix check, a default shown in help text or mock data creates nothing.
        """);

    public override string BanditId => "B108";

    public override string BanditName => "hardcoded_tmp_directory";

    public override IReadOnlyList<NodeKind> NodeKinds => StringConstants.Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (StringConstants.Candidate(node, context) is not { } text || text.Length == 0)
        {
            return;
        }

        var directories = context.Settings.Option("hardcoded_tmp_directory", "tmp_dirs") ?? DefaultTmpDirs;
        var directory = directories.FirstOrDefault(d => text.StartsWith(d, StringComparison.Ordinal));
        if (directory is not null && (context.BanditCompatible || FileWrites.ReachesFileCall(context)))
        {
            var path = MessageText.Quote(MessageText.Shorten(text, 80));
            var message = text == directory
                ? $"the shared temporary directory {path}{MessageText.Placement(context)} is named directly; files in it with fixed names can be pre-created by other users"
                : $"the fixed path {path}{MessageText.Placement(context)} lies in the shared directory '{directory}', where another local user can create it first or plant a symlink";
            context.Report(this, node, message, suppressionRange: context.Parent);
        }
    }
}
