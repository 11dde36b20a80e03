using System.Text.Json;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.PyProject;

namespace Kingsnake.Dependencies.Tests.RealFiles;

/// <summary>Every real pyproject.toml on the machine, read by Python's tomllib and pip's vendored packaging (one run).</summary>
public sealed class RealPyProjectFixture : IDisposable
{
    /// <summary>The real file every mutant starts from: PEP 621 dependencies and extras, no dependency groups.</summary>
    public const string MutantBase = "/usr/lib/node_modules/npm/node_modules/node-gyp/gyp/pyproject.toml";

    private readonly Support.TempDirectory _scratch = new();

    public RealPyProjectFixture()
    {
        Files = RealFileCorpus.PyProjectFiles();
        var baseText = File.ReadAllText(MutantBase);
        Mutants = RealPyProjectFilesTests.Mutations
            .Select((mutation, i) => _scratch.Write($"mutant-{i:D2}/pyproject.toml", baseText + "\n" + mutation + "\n"))
            .ToList();
        Reference = RealFileCorpus.Reference("pyproject", [.. Files, .. Mutants]).EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f, StringComparer.Ordinal);
    }

    public List<string> Files { get; }

    /// <summary>Copies of <see cref="MutantBase"/> with one of <see cref="RealPyProjectFilesTests.Mutations"/> appended.</summary>
    public List<string> Mutants { get; }

    public Dictionary<string, JsonElement> Reference { get; }

    public void Dispose() => _scratch.Dispose();
}

/// <summary>
/// Differential test of <see cref="PyProjectReader"/>'s PEP 621 <c>[project] dependencies</c> /
/// <c>optional-dependencies</c> and PEP 735 <c>[dependency-groups]</c> against tomllib + packaging's
/// <c>Requirement</c>, entry by entry in the order written, with each entry's line found in the raw text.
/// Groups are compared by their normalized names (Kingsnake records extras and groups normalized, as pip matches them).
/// Specifiers are compared as sets of clauses (packaging prints them sorted).
/// </summary>
[Trait("Category", "Corpus")]
public sealed class RealPyProjectFilesTests(RealPyProjectFixture fixture) : IClassFixture<RealPyProjectFixture>
{
    [Fact]
    public void The_machine_has_the_real_files()
    {
        // 11 on the machine image: 1 under /root/.pyenv (3.13's test_importlib example2), 9 under
        // /usr/lib/google-cloud-sdk (gsutil's third-party projects), 1 under /usr/lib/node_modules (npm's node-gyp/gyp).
        Assert.True(fixture.Files.Count >= 11, $"only {fixture.Files.Count} real pyproject.toml files found");
        Assert.Contains("/usr/lib/node_modules/npm/node_modules/node-gyp/gyp/pyproject.toml", fixture.Files);
        var entries = fixture.Reference.Values.Sum(f => f.GetProperty("entries").GetArrayLength());
        Assert.True(entries >= 20, $"the reference read only {entries} dependency entries"); // 22 now
    }

    /// <summary>
    /// Tables appended to a real file: PEP 735 groups (none of the real files has them) and faults. Whether each is
    /// valid is tomllib's and packaging's to say; Kingsnake must agree entry by entry and report what they reject.
    /// </summary>
    public static readonly string[] Mutations =
    [
        "[dependency-groups]\ntest = [\"pytest>=8\", {include-group = \"Lint\"}]\nLint = [\n  \"ruff==0.6.2 ; python_version >= '3.9'\",\n  'Mypy[reports]~=1.11,!=1.11.1',\n]",
        "[dependency-groups]\ndocs = [\"sphinx @ https://example.org/sphinx-7.2.6-py3-none-any.whl\"]\nall = [{include-group = \"docs\"}, \"furo\"]",
        "[dependency-groups]\nbad = [\"requests==\", \"six\"]",
        "[project.optional-dependencies]\nmore = [\"x\"]",
        "broken = [",
    ];

    [Fact]
    public void Real_files_with_tables_added_read_as_tomllib_and_packaging_read_them()
    {
        var differences = new List<string>();
        foreach (var path in fixture.Mutants)
        {
            CompareFile(differences, path, fixture.Reference[path], PyProjectReader.Read(path));
        }

        // The two valid mutants add 3 + 2 group entries, and 2 + 1 more through include-group.
        var groupEntries = fixture.Mutants.Take(2).Sum(m => fixture.Reference[m].GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("group").GetString() is not ("" or "dev")));
        Assert.Equal(8, groupEntries);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Every_dependency_reads_as_tomllib_and_packaging_read_it()
    {
        var differences = new List<string>();
        var compared = 0;
        foreach (var path in fixture.Files)
        {
            compared += CompareFile(differences, path, fixture.Reference[path], PyProjectReader.Read(path));
        }

        Assert.True(compared >= 20, $"only {compared} dependencies compared");
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    /// <summary>Compares one file's reading with the reference's; returns how many entries were compared.</summary>
    private static int CompareFile(List<string> differences, string path, JsonElement reference, Kingsnake.Dependencies.DependencyInventory inventory)
    {
        var compared = 0;
        if (reference.GetProperty("error").GetString() is { } tomlError)
        {
            if (!inventory.Errors.Any(e => e.Location.StartLine > 0))
            {
                differences.Add($"{path}: tomllib rejects it ({tomlError}), Kingsnake reports no error with a line");
            }

            return 0;
        }

        // Entries packaging rejects must be errors at their line; no other errors.
        var rejectedLines = reference.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("error").ValueKind == JsonValueKind.String)
            .Select(e => e.GetProperty("line").GetInt32()).Distinct().Order().ToList();
        var errorLines = inventory.Errors.Select(e => e.Location.StartLine).Distinct().Order().ToList();
        if (!rejectedLines.SequenceEqual(errorLines))
        {
            differences.Add($"{path}: packaging rejects the entries on lines [{string.Join(',', rejectedLines)}], Kingsnake reports {string.Join("; ", inventory.Errors)}");
        }

        // Only the PEP 621 / PEP 735 tables are the reference's; Poetry, uv and PDM tables are not compared here.
        var ours = inventory.Components.Where(c => c.Source == ComponentSource.PyProject).ToList();
        var expected = reference.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("error").ValueKind != JsonValueKind.String).ToList();
        if (ours.Count != expected.Count)
        {
            differences.Add($"{path}: the reference reads {expected.Count} dependencies, Kingsnake {ours.Count}");
        }

        foreach (var group in expected.GroupBy(e => e.GetProperty("group").GetString()!))
        {
            var ourGroup = ours.Where(c => c.Group == group.Key).ToList();
            foreach (var (entry, component) in group.Zip(ourGroup))
            {
                compared++;
                Compare(differences, $"{path} [{group.Key}] '{entry.GetProperty("text").GetString()}'", entry, component);
            }
        }

        return compared;
    }

    private static void Compare(List<string> differences, string where, JsonElement reference, Component ours)
    {
        void Check(string field, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                differences.Add($"{where}: {field}: reference '{expected}', Kingsnake '{actual}'");
            }
        }

        if (reference.GetProperty("error").GetString() is { } invalid)
        {
            differences.Add($"{where}: packaging rejects it ({invalid}); Kingsnake reads {ours.NormalizedName}");
            return;
        }

        Check("line", reference.GetProperty("line").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ours.Location.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Check("name", reference.GetProperty("name").GetString(), ours.NormalizedName);
        Check("specifier", Sorted(reference.GetProperty("specifier")), string.Join(',', ours.Specifier.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)));
        Check("extras", Sorted(reference.GetProperty("extras")), string.Join(',', ours.Extras.Order(StringComparer.Ordinal)));
        Check("marker", reference.GetProperty("marker").GetString(), ours.Marker);
        Check("url", reference.GetProperty("url").GetString(), ours.Url);
    }

    private static string Sorted(JsonElement array) =>
        string.Join(',', array.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
}
