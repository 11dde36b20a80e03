using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Engine;

/// <summary>
/// Names imported from the project's own modules are followed to what those modules import: pip's vendored
/// cachecontrol loads its cache with <c>pickle.loads</c>, <c>pickle</c> coming from <c>from .compat import pickle</c>.
/// </summary>
public sealed class ReExportTests : IDisposable
{
    private const string PipTree = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/pip";

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Pip_cachecontrol_pickle_loads_through_compat_is_reported()
    {
        if (!Directory.Exists(PipTree))
        {
            Assert.Skip($"{PipTree} is not on this machine");
        }

        // the real files, in a tree rooted at a directory named pip as site-packages/pip is
        foreach (var relative in new[] { "__init__.py", "_vendor/__init__.py" }
            .Concat(Directory.EnumerateFiles(Path.Combine(PipTree, "_vendor/cachecontrol"), "*.py", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(PipTree, f))))
        {
            _tree.WriteBytes(Path.Combine("pip", relative), File.ReadAllBytes(Path.Combine(PipTree, relative)));
        }

        const string Serialize = "_vendor/cachecontrol/serialize.py";
        var source = File.ReadAllText(Path.Combine(PipTree, Serialize));
        Assert.Contains("from .compat import", source, StringComparison.Ordinal);
        var line = source.Split('\n').ToList().FindIndex(l => l.Contains("pickle.loads(", StringComparison.Ordinal)) + 1;
        Assert.True(line > 0, "serialize.py no longer calls pickle.loads");

        var root = Path.Combine(_tree.Root, "pip");
        var found = Assert.Single(Pickle(Scan(root).Findings), f => f.Location.Path == Serialize);
        Assert.Equal(line, found.Location.StartLine);
        Assert.StartsWith("pickle.loads deserializes", found.Message, StringComparison.Ordinal);

        // Bandit reads each file on its own and misses it; so does the file checked alone
        Assert.DoesNotContain(Pickle(Scan(root, CodeCompatibility.Bandit).Findings), f => f.Location.Path == Serialize);
        Assert.Empty(Pickle(CodeAuditor.AnalyzeSource(Serialize, File.ReadAllBytes(Path.Combine(PipTree, Serialize))).Findings));
    }

    [Theory]
    [InlineData("src/mypkg/user.py", "from .compat import pickle\n\ndef load(data):\n    return pickle.loads(data)\n")]
    [InlineData("src/mypkg/user.py", "from . import compat\n\ndef load(data):\n    return compat.pickle.loads(data)\n")]
    [InlineData("src/mypkg/user.py", "from .compat import pickle as p\np.loads(data)\n")]
    [InlineData("src/mypkg/sub/user.py", "from ..compat import pickle\npickle.loads(data)\n")]
    [InlineData("src/mypkg/sub/user.py", "from .. import compat\ncompat.pickle.Unpickler(stream)\n")]
    [InlineData("src/mypkg/sub/user.py", "from mypkg.compat import pickle\npickle.loads(data)\n")]
    [InlineData("src/mypkg/sub/user.py", "import mypkg.compat\nmypkg.compat.pickle.loads(data)\n")]
    [InlineData("app/user.py", "from mypkg import pickle\npickle.loads(data)\n")] // re-exported by the package's __init__
    [InlineData("app/user.py", "from mypkg import loads\nloads(data)\n")] // through the __init__'s star import
    [InlineData("app/user.py", "from mypkg.sub import reexported\nreexported.loads(data)\n")] // two hops
    [InlineData("src/mypkg/user.py", "from .fallback import pickle\npickle.loads(data)\n")] // `import pickle` first, cPickle in the except
    public void Imports_of_project_modules_resolve_to_what_they_import(string path, string code)
    {
        WritePackage();
        _tree.Write(path, code);
        var lines = Pickle(Scan(_tree.Root).Findings).Where(f => f.Location.Path == path).Select(f => f.Location.StartLine);
        Assert.Equal([code.TrimEnd('\n').Split('\n').Length], lines);
    }

    [Theory]
    [InlineData("from .defs import loads, pickle\nloads(data)\npickle.loads(data)\n")] // the project's own function and object
    [InlineData("from .cycle_a import pickle\npickle.loads(data)\n")] // a re-export cycle binds nothing
    [InlineData("from .broken import pickle\npickle.loads(data)\n")] // a module that does not parse resolves nothing
    [InlineData("from .missing import pickle\npickle.loads(data)\n")]
    [InlineData("from ......... import pickle\npickle.loads(data)\n")] // above the project root
    [InlineData("from .compat import _private\n_private.loads(data)\n")]
    [InlineData("def f(pickle):\n    return pickle.loads(data)\nfrom .compat import pickle\n")] // a parameter still shadows
    public void Names_the_project_defines_or_cannot_resolve_stay_unresolved(string code)
    {
        WritePackage();
        _tree.Write("src/mypkg/cycle_a.py", "from .cycle_b import pickle\n")
            .Write("src/mypkg/cycle_b.py", "from .cycle_a import pickle\n")
            .Write("src/mypkg/broken.py", "import pickle\ndef (:\n")
            .Write("src/mypkg/user.py", code + "eval(data)\n");
        var scan = Scan(_tree.Root);
        var user = Assert.Single(scan.Files, f => f.Path == "src/mypkg/user.py");
        Assert.Empty(Pickle(user.Findings));
        Assert.Contains(user.Findings, f => f.Rule.Aliases.Contains("B307")); // the file itself is still checked
        Assert.Equal(["src/mypkg/broken.py"], scan.Errors.Select(e => e.Location.Path));
    }

    [Fact]
    public void Bandit_mode_keeps_to_one_file()
    {
        WritePackage();
        _tree.Write("src/mypkg/user.py", "from .compat import pickle\npickle.loads(data)\n");
        var bandit = Scan(_tree.Root, CodeCompatibility.Bandit);
        Assert.DoesNotContain(Pickle(bandit.Findings), f => f.Location.Path == "src/mypkg/user.py");
        Assert.Single(Pickle(Scan(_tree.Root).Findings), f => f.Location.Path == "src/mypkg/user.py");
    }

    [Fact]
    public void A_python_two_fallback_does_not_replace_the_python_three_import()
    {
        const string code = "try:\n    import pickle\nexcept ImportError:\n    import cPickle as pickle\npickle.loads(data)\n";
        Assert.Equal([5], Scanner.Lines("B301", code));

        // Bandit's alias map keeps cPickle, and cPickle.loads is not on its list
        Assert.Empty(Scanner.Lines("B301", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Modules_importing_each_other_in_parallel_each_report_their_own_findings()
    {
        // many modules importing from each other in both path orders: each finding appears once, in its own file
        WritePackage();
        for (var i = 0; i < 40; i++)
        {
            _tree.Write($"src/mypkg/m{i:D2}.py", $"from .m{(i + 7) % 40:D2} import helper\nfrom .compat import pickle\n\ndef helper(x):\n    return pickle.loads(x)\n");
        }

        var scan = new CodeAuditor(new CodeAuditOptions { Parallelism = 2 }).Scan(_tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(scan.Errors);
        var pickled = Pickle(scan.Findings).Where(f => f.Location.Path.StartsWith("src/mypkg/m", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, pickled.Count);
        Assert.Equal(40, pickled.Select(f => f.Location.Path).Distinct().Count());
        Assert.All(pickled, f => Assert.Equal(5, f.Location.StartLine));
    }

    private void WritePackage() => _tree
        .Write("src/mypkg/__init__.py", "from .compat import pickle\nfrom .star import *\n")
        .Write("src/mypkg/compat.py", "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n")
        .Write("src/mypkg/fallback.py", "try:\n    import pickle\nexcept ImportError:\n    import cPickle as pickle\n")
        .Write("src/mypkg/star.py", "from pickle import loads\n_private = 1\n")
        .Write("src/mypkg/defs.py", "def loads(data):\n    return data\n\npickle = object()\n")
        .Write("src/mypkg/sub/__init__.py", "from .. import star as reexported\n");

    private static CodeScan Scan(string root, CodeCompatibility compatibility = CodeCompatibility.Kingsnake) =>
        new CodeAuditor(new CodeAuditOptions { Compatibility = compatibility }).Scan(root, cancellationToken: TestContext.Current.CancellationToken);

    private static IEnumerable<Finding> Pickle(IEnumerable<Finding> findings) => findings.Where(f => f.Rule.Id == "PY301");
}
