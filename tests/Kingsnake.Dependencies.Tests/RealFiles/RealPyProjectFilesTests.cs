using System.Text.Json;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.PyProject;

namespace Kingsnake.Dependencies.Tests.RealFiles;

/// <summary>Every real pyproject.toml on the machine, read by Python's tomllib and pip's vendored packaging (one run).</summary>
public sealed class RealPyProjectFixture
{
    public RealPyProjectFixture()
    {
        Files = RealFileCorpus.PyProjectFiles();
        Reference = RealFileCorpus.Reference("pyproject", Files).EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f, StringComparer.Ordinal);
    }

    public List<string> Files { get; }

    public Dictionary<string, JsonElement> Reference { get; }
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

    [Fact]
    public void Every_dependency_reads_as_tomllib_and_packaging_read_it()
    {
        var differences = new List<string>();
        var compared = 0;
        foreach (var path in fixture.Files)
        {
            var reference = fixture.Reference[path];
            var inventory = PyProjectReader.Read(path);
            if (reference.GetProperty("error").GetString() is { } tomlError)
            {
                if (inventory.Errors.Count == 0)
                {
                    differences.Add($"{path}: tomllib rejects it ({tomlError}), Kingsnake reports no error");
                }

                continue;
            }

            if (inventory.Errors.Count > 0)
            {
                differences.Add($"{path}: tomllib reads it, Kingsnake reports {string.Join("; ", inventory.Errors)}");
            }

            // Only the PEP 621 / PEP 735 tables are the reference's; Poetry, uv and PDM tables are not compared here.
            var ours = inventory.Components.Where(c => c.Source == ComponentSource.PyProject).ToList();
            var expected = reference.GetProperty("entries").EnumerateArray().ToList();
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
        }

        Assert.True(compared >= 20, $"only {compared} dependencies compared");
        Assert.True(differences.Count == 0, string.Join('\n', differences));
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
