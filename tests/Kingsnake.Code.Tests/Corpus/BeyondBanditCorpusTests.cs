using System.Globalization;
using Kingsnake.Code.Engine;

namespace Kingsnake.Code.Tests.Corpus;

/// <summary>
/// The rules beyond Bandit (PY801-PY809) on real trees. Every hit below was read in the source; the lists are what
/// the rules must keep finding (a rule that goes quiet fails) and nothing more (a new false alarm fails).
/// </summary>
public class BeyondBanditCorpusTests
{
    /// <summary>
    /// The 3.11.7 tree (stdlib, tests, site-packages; 11,659 files), asserted by <see cref="StdlibCorpusTests"/> from
    /// its Kingsnake-mode scan. PY801-PY805, PY808 and PY809 find nothing there, which was checked by reading the
    /// near misses: pip 23's unpacking.py checks every member with is_within_directory (a condition on the path),
    /// setuptools' archive_util skips names with '..', dateutil's rebuild extracts members it names itself,
    /// test_shutil's unpack_archive('stuff.boo') is a registered custom format, test_tempfile's writes go to a
    /// private tempfile.tempdir, and PyYAML's own load_all(stream, FullLoader) calls are its definitions.
    /// </summary>
    /// <remarks>
    /// Kingsnake mode runs only the rules that apply to test code on it, so the hits in test/test_xmlrpc.py and
    /// test/test_sax.py (tests of the features themselves) are no longer reported; the 3.6 test below still checks the
    /// rules find them by reading those files as application code.
    /// </remarks>
    public static readonly string[] ExpectedOn311 =
    [
        "PY806 xmlrpc/server.py", // the module's __main__ demo server registers ExampleService with allow_dotted_names=True
        "PY807 site-packages/docutils/writers/docutils_xml.py", // docutils turns external general entities on for raw XML
    ];

    private const string Tree36 = "/root/.pyenv/versions/3.6.15/lib/python3.6";

    /// <summary>
    /// The 3.6.15 tree, whose site-packages holds pip 18.1: its untar_file joins each member name to the target and
    /// writes there with no containment check (later pip versions added is_within_directory). Its test suite also
    /// extracts a member taken with tar.next() and unpacks archives made by make_archive.
    /// </summary>
    private static readonly string[] ExpectedOn36 =
    [
        "PY803 site-packages/pip/_internal/utils/misc.py:560", // pip 18.1 untar_file: open(os.path.join(location, member name), 'wb')
        "PY806 xmlrpc/server.py:995",
    ];

    /// <summary>
    /// Hits in the 3.6 test suite, which Kingsnake mode does not report in test code: each file is read again as
    /// application code (a path that is not test code), where the rules must still find them.
    /// </summary>
    private static readonly (string File, string[] Hits)[] ExpectedIn36Tests =
    [
        ("test/test_tarfile.py", ["PY801:393"]), // t = tar.next(); tar.extract(t, TEMPDIR)
        ("test/test_shutil.py", ["PY802:1252", "PY802:1257"]), // unpack_archive(filename, tmpdir2) on a make_archive result, any format
        ("test/test_xmlrpc.py", ["PY806:634"]),
        ("test/test_sax.py", ["PY807:945", "PY807:980"]),
    ];

    [Fact]
    [Trait("Category", "Corpus")]
    public void Finds_pip_18_untar_zip_slip_and_nothing_else_new_on_the_3_6_tree()
    {
        if (!Directory.Exists(Tree36))
        {
            Assert.Skip($"{Tree36} is not on this machine");
        }

        var scan = new CodeAuditor(new CodeAuditOptions { SkipEnvironmentDirectories = false }).Scan(Tree36, cancellationToken: TestContext.Current.CancellationToken);
        var hits = scan.Findings.Where(f => f.Rule.Id.StartsWith("PY8", StringComparison.Ordinal))
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Rule.Id} {f.Location.Path}:{f.Location.StartLine}")).Order(StringComparer.Ordinal).ToList();
        foreach (var hit in hits)
        {
            TestContext.Current.TestOutputHelper!.WriteLine(hit);
        }

        Assert.Equal(ExpectedOn36, hits);
        Assert.DoesNotContain(scan.Findings, f => TestCode.Contains(f.Location.Path) && f.Rule.Id != "PY613");
        foreach (var (file, expected) in ExpectedIn36Tests)
        {
            var asApplication = CodeAuditor.AnalyzeSource("suite/" + Path.GetFileName(file).Replace("test_", "suite_", StringComparison.Ordinal), File.ReadAllBytes(Path.Combine(Tree36, file)));
            var found = asApplication.Findings.Where(f => f.Rule.Id.StartsWith("PY8", StringComparison.Ordinal))
                .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Rule.Id}:{f.Location.StartLine}")).Order(StringComparer.Ordinal);
            Assert.Equal(expected, found);
        }

        Assert.DoesNotContain(scan.Errors, e => e.Message.StartsWith("internal error", StringComparison.Ordinal));
    }
}
