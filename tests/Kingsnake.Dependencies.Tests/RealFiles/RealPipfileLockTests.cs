using System.Globalization;
using System.Text.Json;
using Kingsnake.Dependencies.Lockfiles;

namespace Kingsnake.Dependencies.Tests.RealFiles;

/// <summary>Every real Pipfile.lock on the machine, read by Python's json module (one run).</summary>
public sealed class RealPipfileLockFixture
{
    public RealPipfileLockFixture()
    {
        Files = RealFileCorpus.PipfileLocks();
        Reference = RealFileCorpus.Reference("pipfile-lock", Files).EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f, StringComparer.Ordinal);
    }

    public List<string> Files { get; }

    public Dictionary<string, JsonElement> Reference { get; }
}

/// <summary>
/// Differential test of <see cref="PipfileLockReader"/> against Python's <c>json</c>: every package of
/// <c>default</c> and <c>develop</c> with its version (the <c>==</c> stripped), hashes, markers and the line of its key.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class RealPipfileLockTests(RealPipfileLockFixture fixture) : IClassFixture<RealPipfileLockFixture>
{
    [Fact]
    public void The_machine_has_the_real_files()
    {
        // 1 on the machine image: /usr/lib/google-cloud-sdk/platform/gsutil/third_party/rsa/Pipfile.lock (42 packages).
        Assert.Contains("/usr/lib/google-cloud-sdk/platform/gsutil/third_party/rsa/Pipfile.lock", fixture.Files);
        var packages = fixture.Reference.Values.Sum(f => f.GetProperty("entries").GetArrayLength());
        Assert.True(packages >= 40, $"json read only {packages} packages");
    }

    [Fact]
    public void Every_package_reads_as_json_reads_it()
    {
        var differences = new List<string>();
        var compared = 0;
        foreach (var path in fixture.Files)
        {
            var reference = fixture.Reference[path];
            var inventory = PipfileLockReader.Read(path);
            if (reference.GetProperty("error").GetString() is { } jsonError)
            {
                Assert.True(inventory.Errors.Count > 0, $"{path}: json rejects it ({jsonError}), Kingsnake reports no error");
                continue;
            }

            Assert.True(inventory.Errors.Count == 0, $"{path}: {string.Join("; ", inventory.Errors)}");
            var ours = inventory.Components.ToDictionary(c => (c.Group, c.Name));
            var expected = reference.GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal(expected.Count, ours.Count);
            foreach (var entry in expected)
            {
                var key = (entry.GetProperty("group").GetString()!, entry.GetProperty("name").GetString()!);
                if (!ours.TryGetValue(key, out var component))
                {
                    differences.Add($"{path}: {key}: json has it, Kingsnake not");
                    continue;
                }

                compared++;
                void Check(string field, string? wanted, string? actual)
                {
                    if (!string.Equals(wanted, actual, StringComparison.Ordinal))
                    {
                        differences.Add($"{path}: {key}: {field}: json '{wanted}', Kingsnake '{actual}'");
                    }
                }

                Check("version", entry.GetProperty("version").GetString(), component.Version);
                Check("hashes", string.Join(',', entry.GetProperty("hashes").EnumerateArray().Select(h => h.GetString())),
                    string.Join(',', component.Hashes.Order(StringComparer.Ordinal)));
                Check("marker", entry.GetProperty("marker").GetString(), component.Marker);
                Check("line", entry.GetProperty("line").GetInt32().ToString(CultureInfo.InvariantCulture),
                    component.Location.StartLine.ToString(CultureInfo.InvariantCulture));
            }
        }

        Assert.True(compared >= 40, $"only {compared} packages compared");
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }
}
