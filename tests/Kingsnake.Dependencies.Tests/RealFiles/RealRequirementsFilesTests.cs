using System.Text.Json;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Requirements;

namespace Kingsnake.Dependencies.Tests.RealFiles;

/// <summary>Every real requirements file on the machine, with pip 24.2's own reading of all of them (one Python run).</summary>
public sealed class RealRequirementsFixture : IDisposable
{
    /// <summary>The real file every mutant starts from (9 lines, so the added text starts on line 10).</summary>
    public const string MutantBase = "/root/.pyenv/plugins/python-build/scripts/requirements.txt";

    /// <summary>The line the mutation text starts on.</summary>
    public const int MutatedLine = 10;

    private readonly Support.TempDirectory _scratch = new();

    public RealRequirementsFixture()
    {
        Files = RealFileCorpus.RequirementsFiles();
        var baseText = File.ReadAllText(MutantBase);
        Assert.Equal(MutatedLine - 1, baseText.TrimEnd('\n').Split('\n').Length);
        Mutants = RealRequirementsFilesTests.Mutations
            .Select((mutation, i) => (Path: _scratch.Write($"mutant-{i:D2}.txt", baseText + mutation + "\n"), Mutation: mutation))
            .ToList();
        var reference = RealFileCorpus.Reference("requirements", [.. Files, .. Mutants.Select(m => m.Path)]);
        Pip = reference.EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f, StringComparer.Ordinal);
    }

    public List<string> Files { get; }

    /// <summary>Copies of <see cref="MutantBase"/> with one of <see cref="RealRequirementsFilesTests.Mutations"/> appended.</summary>
    public List<(string Path, string Mutation)> Mutants { get; }

    public Dictionary<string, JsonElement> Pip { get; }

    public void Dispose() => _scratch.Dispose();
}

/// <summary>
/// Differential test of <see cref="RequirementsFileReader"/> against pip's own requirements-file parser
/// (<c>pip._internal.req.req_file.parse_requirements</c> + <c>install_req_from_parsed_requirement</c>) on files
/// that no one on this project wrote. Entries are matched by file and line; every field pip knows is compared.
/// <para>Deliberate differences, not checked as equal:</para>
/// <list type="bullet">
/// <item>A local directory (<c>-e .[socks]</c>): pip learns its name only by building it, so its name is None here;
/// Kingsnake reads it from the project files or the folder name (with a note), and must still name one.</item>
/// <item>The URL of a local path: pip makes it an absolute <c>file:</c> URL (resolved against the working directory,
/// which the oracle sets to the file's folder); Kingsnake keeps the path as written, so it is compared after
/// resolving it against the file's folder.</item>
/// <item>pip stops at the first bad line and raises; Kingsnake reports the line as an error and reads on. So for a
/// file pip rejects, only the entries pip yielded before the fault are compared, and Kingsnake must report an
/// error with a line for that file.</item>
/// <item>Specifiers are compared as sets of clauses (packaging prints them sorted, Kingsnake in the order written).</item>
/// </list>
/// </summary>
[Trait("Category", "Corpus")]
public sealed class RealRequirementsFilesTests(RealRequirementsFixture fixture) : IClassFixture<RealRequirementsFixture>
{
    [Fact]
    public void The_machine_has_the_real_files()
    {
        // 32 on the machine image: 1 under /root/.pyenv (python-build's scripts/requirements.txt), 30 under
        // /usr/lib/google-cloud-sdk (gsutil's vendored and third-party projects, App Engine templates), 1 under
        // /usr/share/doc (python3-pip's docs requirements); one of them includes another with -r.
        Assert.True(fixture.Files.Count >= 32, $"only {fixture.Files.Count} real requirements files found");
        Assert.Contains("/root/.pyenv/plugins/python-build/scripts/requirements.txt", fixture.Files);
        var pipEntries = fixture.Pip.Values.Sum(f => f.GetProperty("entries").GetArrayLength());
        Assert.True(pipEntries >= 200, $"pip read only {pipEntries} requirements"); // 215 now
    }

    /// <summary>
    /// Lines appended to a real file, to compare error behaviour too: pip rejects the first group and accepts the
    /// second. Which is which is pip's to say (checked below), not this list's.
    /// </summary>
    public static readonly string[] Mutations =
    [
        "-r does-not-exist.txt",
        "-c missing-constraints.txt",
        "requests==",
        "requests==2.0 --hash=md5:0123",
        "--no-such-option",
        "-e",
        "-e ./no-such-dir",
        "./no-such-dir",
        "no-such-dir/",
        "./no-such.whl",
        "foo @ ",
        "requests --hash=\"sha256:abc",
        "requests>=2 ; python_version >< '3'",

        "https://example.org/x.tar.gz#egg=x ; python_version>='3'",
        "requests --hash=sha256:ABCDEF0123",
        "requests[security,socks]>=2.8.1,!=2.9.0 ; platform_system == \"Windows\" --hash=sha384:00ff --hash sha256:abcd",
        "requests \\\n  >=2.0",
        "-e git+https://github.com/org/tool.git@v1.2#egg=cool-tool",
        "Pillow @ file:///tmp/Pillow-10.2.0-cp311-cp311-manylinux_2_28_x86_64.whl",
        "--index-url https://mirror.example.org/simple\nrequests~=2.31 # pinned",
        "-c " + RealRequirementsFixture.MutantBase,
        "-r /usr/lib/google-cloud-sdk/platform/gsutil/third_party/urllib3/docs/requirements.txt",
        "-r ../../../../../../../../../../usr/lib/google-cloud-sdk/platform/gsutil/gslib/vendored/boto/requirements.txt",
    ];

    [Fact]
    public void Real_files_with_one_line_changed_are_accepted_or_rejected_as_pip_does()
    {
        var differences = new List<string>();
        var rejected = 0;
        foreach (var (path, mutation) in fixture.Mutants)
        {
            var pip = fixture.Pip[path];
            var inventory = ReadAsPip(path);
            if (pip.GetProperty("error").GetString() is { } pipError)
            {
                rejected++;
                if (!inventory.Errors.Any(e => e.Location.Path == Path.GetFileName(path) && e.Location.StartLine == RealRequirementsFixture.MutatedLine))
                {
                    differences.Add($"'{mutation}': pip rejects it ({pipError.Split('\n')[0]}); Kingsnake reports "
                        + (inventory.Errors.Count == 0 ? "no error" : string.Join("; ", inventory.Errors)));
                }

                // What pip read before the fault, Kingsnake reads alike.
                CompareFile(differences, path, pip, inventory, pipRejects: true);
            }
            else
            {
                CompareFile(differences, path, pip, inventory, pipRejects: false);
            }
        }

        Assert.Equal(13, rejected); // the first 13 mutations, by pip's verdict
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Every_requirement_reads_as_pip_reads_it()
    {
        var differences = new List<string>();
        var compared = 0;
        foreach (var path in fixture.Files)
        {
            var pip = fixture.Pip[path];
            var inventory = ReadAsPip(path);
            compared += CompareFile(differences, path, pip, inventory, pipRejects: pip.GetProperty("error").ValueKind == JsonValueKind.String);
        }

        Assert.True(compared >= 200, $"only {compared} requirements compared");
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Files_pip_rejects_are_input_errors_with_a_line()
    {
        var rejected = fixture.Files.Where(f => fixture.Pip[f].GetProperty("error").ValueKind == JsonValueKind.String).ToList();

        // /usr/share/doc/python3-pip/requirements.txt names "." (Debian ships the docs without the project):
        // pip refuses it, "Directory '.' is not installable. Neither 'setup.py' nor 'pyproject.toml' found."
        Assert.NotEmpty(rejected);
        foreach (var path in rejected)
        {
            var inventory = ReadAsPip(path);
            var error = Assert.Single(inventory.Errors);
            Assert.Equal(Path.GetFileName(path), error.Location.Path);
            Assert.True(error.Location.StartLine > 0, $"{path}: error without a line: {error}");
        }
    }

    /// <summary>
    /// Reads <paramref name="path"/> rooted at its own folder, as pip reads it from there: the corpus folders count as
    /// named by the user, so includes into them (absolute, or climbing out with ../) are followed as pip follows them.
    /// </summary>
    private static Kingsnake.Dependencies.DependencyInventory ReadAsPip(string path)
    {
        var project = Kingsnake.Project.ProjectTree.Unwalked(
            Path.GetDirectoryName(path)!, new Kingsnake.Project.ProjectOptions { UserNamedPaths = [path, .. RealFileCorpus.Roots] });
        var collector = new Kingsnake.Dependencies.Reading.DependencyCollector(project);
        RequirementsFileReader.Read(collector, path);
        return collector.ToInventory();
    }

    /// <summary>Compares every requirement pip read from <paramref name="path"/> (and its includes) with Kingsnake's; returns how many.</summary>
    private static int CompareFile(List<string> differences, string path, JsonElement pip, Kingsnake.Dependencies.DependencyInventory inventory, bool pipRejects)
    {
        var directory = Path.GetDirectoryName(path)!;
        var ours = inventory.Components.ToDictionary(c => (Path.GetFullPath(Path.Combine(directory, c.Location.Path)), c.Location.StartLine));
        var pipEntries = pip.GetProperty("entries").EnumerateArray().ToList();
        if (!pipRejects && ours.Count != pipEntries.Count)
        {
            differences.Add($"{path}: pip reads {pipEntries.Count} requirements, Kingsnake {ours.Count}");
        }

        if (!pipRejects && inventory.Errors.Count > 0)
        {
            differences.Add($"{path}: pip accepts the file, Kingsnake reports {string.Join("; ", inventory.Errors)}");
        }

        foreach (var entry in pipEntries)
        {
            var file = Path.GetFullPath(entry.GetProperty("file").GetString()!);
            var line = entry.GetProperty("line").GetInt32();
            var where = $"{file}:{line}";
            if (!ours.TryGetValue((file, line), out var component))
            {
                differences.Add($"{where}: pip reads '{entry.GetProperty("text").GetString()}', Kingsnake nothing");
                continue;
            }

            Compare(differences, where, directory, entry, component);
        }

        return pipEntries.Count;
    }

    private static void Compare(List<string> differences, string where, string directory, JsonElement pip, Component ours)
    {
        void Check(string field, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                differences.Add($"{where}: {field}: pip '{expected}', Kingsnake '{actual}'");
            }
        }

        var localPath = pip.GetProperty("local_path").GetString();
        if (pip.GetProperty("name").GetString() is { } name)
        {
            Check("name", name, ours.NormalizedName);
        }
        else if (ours.NormalizedName.Length == 0)
        {
            differences.Add($"{where}: Kingsnake gives the local project {localPath} no name");
        }

        Check("specifier", Sorted(pip.GetProperty("specifier")), string.Join(',', ours.Specifier.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)));
        Check("extras", Sorted(pip.GetProperty("extras")), string.Join(',', ours.Extras.Order(StringComparer.Ordinal)));
        Check("marker", pip.GetProperty("marker").GetString(), ours.Marker);
        Check("hashes", Sorted(pip.GetProperty("hashes")), string.Join(',', ours.Hashes.Order(StringComparer.Ordinal)));
        Check("editable", pip.GetProperty("editable").GetBoolean().ToString(), ours.Editable.ToString());
        Check("constraint", pip.GetProperty("constraint").GetBoolean().ToString(), (ours.Group == RequirementsFileReader.ConstraintGroup).ToString());
        var url = pip.GetProperty("url").GetString();
        if (localPath is not null && ours.Url is not null && !ours.Url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            Check("local path", localPath, Path.GetFullPath(Path.Combine(directory, ours.Url)));
        }
        else
        {
            Check("url", url, ours.Url);
        }

        // One "==" clause without a wildcard fixes the version.
        var clauses = pip.GetProperty("specifier").EnumerateArray().Select(s => s.GetString()!).ToList();
        if (clauses is [var only] && only.StartsWith("==", StringComparison.Ordinal) && !only.StartsWith("===", StringComparison.Ordinal) && !only.EndsWith('*'))
        {
            Check("version", only[2..], ours.Version);
        }
    }

    private static string Sorted(JsonElement array) =>
        string.Join(',', array.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
}
