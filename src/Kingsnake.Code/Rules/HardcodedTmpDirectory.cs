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
        "PY108", "hardcoded-tmp-directory", "Hard-coded temporary file or directory", Severity.Medium, Confidence.Medium, 377, "B108", "S108", """
        A fixed name in a world-writable directory (`/tmp/app.lock`) can be created first by another local user, as a
        symlink to a file of yours or with contents of theirs.

        **Fix:** use `tempfile.mkstemp`, `tempfile.NamedTemporaryFile` or `tempfile.mkdtemp`, which pick unique names
        safely. The directories are Bandit's `hardcoded_tmp_directory.tmp_dirs` (default `/tmp`, `/var/tmp`,
        `/dev/shm`).

        **Differs from Bandit:** a comparison (`if path.startswith("/tmp")` is a call, but `path == "/tmp"` is a
        comparison) creates nothing and is not reported.
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
        if (directories.Any(d => text.StartsWith(d, StringComparison.Ordinal)) && (context.BanditCompatible || context.Parent is not Compare))
        {
            context.Report(this, node, "Probable insecure usage of temp file/directory.", suppressionRange: context.Parent);
        }
    }
}
