using Kingsnake.Packaging.Licenses;

namespace Kingsnake.Packaging.Tests.Licenses;

/// <summary>
/// Every license classifier: those of trove-classifiers 2023.4.18 (Debian's python3-trove-classifiers), three added
/// in later releases, and every one the installed distributions on this machine use, each labelled by hand in
/// Data/license-classifiers.tsv with the SPDX id it means or '-' (and why) when it names no single license.
/// </summary>
public sealed class LicenseClassifierTests
{
    private static readonly string[] MetadataRoots = ["/root/.pyenv/versions", "/usr/lib/python3/dist-packages"];

    public static TheoryData<string, string> Labelled()
    {
        var data = new TheoryData<string, string>();
        foreach (var (classifier, expected) in ReadLabels())
        {
            data.Add(classifier, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Labelled))]
    public void Every_classifier_maps_as_labelled(string classifier, string expected)
    {
        var id = LicenseClassifiers.ToSpdxId(classifier);
        if (expected == "-")
        {
            Assert.Null(id);
        }
        else
        {
            Assert.Equal(expected, id);
            Assert.Equal(id, SpdxLicenseList.Canonical(id!)); // a real id, in its own casing
        }

        Assert.True(LicenseClassifiers.IsLicenseClassifier(classifier));
    }

    [Fact]
    public void The_labels_cover_every_license_classifier_installed_here()
    {
        var labelled = ReadLabels().Select(l => l.Classifier).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(87, labelled.Count); // 84 of 2023.4.18 and 3 later ones
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in MetadataRoots.Where(Directory.Exists))
        {
            foreach (var metadata in Directory.EnumerateFiles(root, "METADATA", SearchOption.AllDirectories)
                         .Where(p => Path.GetDirectoryName(p)!.EndsWith(".dist-info", StringComparison.Ordinal)))
            {
                foreach (var line in File.ReadLines(metadata).TakeWhile(l => l.Length > 0))
                {
                    if (line.StartsWith("Classifier: License ::", StringComparison.Ordinal))
                    {
                        found.Add(line["Classifier: ".Length..].Trim());
                    }
                }
            }
        }

        Assert.True(found.Count >= 5, $"only {found.Count} license classifiers found installed");
        Assert.All(found, c => Assert.Contains(c, labelled));
        Assert.Contains("License :: OSI Approved :: MIT License", found);
    }

    [Theory]
    [InlineData("License :: OSI Approved :: MIT License", "MIT")]
    [InlineData("License ::  OSI Approved::MIT License ", "MIT")]
    [InlineData("License :: OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)", "EPL-2.0")] // not EPL-1.0
    [InlineData("License :: OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)", "MulanPSL-2.0")] // not MulanPSL-1.0
    [InlineData("License :: OSI Approved :: Apache Software License", null)]
    [InlineData("License :: OSI Approved :: BSD License", null)]
    [InlineData("License :: OSI Approved :: MIT license", null)] // words must be the classifier's own
    [InlineData("Programming Language :: Python", null)]
    [InlineData("MIT License", null)]
    public void Spelling_and_ambiguity(string classifier, string? expected) =>
        Assert.Equal(expected, LicenseClassifiers.ToSpdxId(classifier));

    [Fact]
    public void Name_is_the_last_segment() =>
        Assert.Equal("BSD License", LicenseClassifiers.NameOf("License :: OSI Approved :: BSD License"));

    private static IEnumerable<(string Classifier, string Expected)> ReadLabels()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Licenses", "Data", "license-classifiers.tsv");
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var label = line[(tab + 1)..];
            var hash = label.IndexOf('#', StringComparison.Ordinal);
            yield return (line[..tab], (hash < 0 ? label : label[..hash]).Trim());
        }
    }
}
