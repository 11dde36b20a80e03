using Kingsnake.Packaging.Licenses;
using Kingsnake.Packaging.Metadata;

namespace Kingsnake.Packaging.Tests.Licenses;

/// <summary>
/// The resolver over every distribution installed in the pyenv 3.11 site-packages, with the answers for a few
/// checked against their METADATA and license files by hand, and the rules on small metadata of our own.
/// </summary>
public sealed class LicenseResolverTests
{
    private const string SitePackages = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";

    [Fact]
    public void Every_installed_distribution_resolves_and_known_ones_resolve_as_checked()
    {
        var all = new Dictionary<string, IReadOnlyList<LicenseResolution>>(StringComparer.Ordinal);
        foreach (var distInfo in Directory.EnumerateDirectories(SitePackages, "*.dist-info"))
        {
            var metadata = CoreMetadata.Parse(File.ReadAllBytes(Path.Combine(distInfo, "METADATA")));
            all[Path.GetFileName(distInfo)] = LicenseResolver.Resolve(metadata, LicenseFiles(distInfo, metadata));
        }

        Assert.True(all.Count >= 90, $"only {all.Count} distributions");
        foreach (var (name, licenses) in all)
        {
            Assert.True(licenses.Count > 0, $"{name}: no license");
            Assert.All(licenses, l => Assert.Equal(1, (l.Expression is null ? 0 : 1) + (l.Id is null ? 0 : 1) + (l.Name is null ? 0 : 1)));
            Assert.True(licenses.All(l => l.Expression is null) || licenses.Count == 1, $"{name}: an expression must stand alone");
            Assert.All(licenses.Where(l => l.Id is not null), l => Assert.Equal(l.Id, SpdxLicenseList.Canonical(l.Id!)));
        }

        var bySource = all.Values.Select(l => l[0].Source + (l[0].Expression is not null ? " (expression)" : l[0].Id is not null ? " (id)" : " (name)"))
            .GroupBy(s => s).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}");
        TestContext.Current.SendDiagnosticMessage($"{all.Count} distributions by first license's source: {string.Join(", ", bySource)}");

        // PEP 639 expressions, normalized
        Assert.Equal(Expression("MIT", LicenseResolution.FromLicenseExpression), Single(all, "attrs-26.1.0"));
        Assert.Equal(Expression("Apache-2.0 OR BSD-3-Clause", LicenseResolution.FromLicenseExpression), Single(all, "cryptography-48.0.0"));
        Assert.Equal(Expression("Apache-2.0 AND CNRI-Python", LicenseResolution.FromLicenseExpression), Single(all, "regex-2026.5.9"));
        // License: "Apache-2.0 OR MIT" says more than its classifiers (Apache Software License, MIT License)
        Assert.Equal(Expression("Apache-2.0 OR MIT", LicenseResolution.FromLicenseField), Single(all, "orjson-3.8.3"));
        Assert.Equal(Expression("MPL-2.0", LicenseResolution.FromLicenseField), Single(all, "certifi-2026.5.20"));
        // License: BSD-2-Clause, classifier BSD License (ambiguous)
        Assert.Equal(Expression("BSD-2-Clause", LicenseResolution.FromLicenseField), Single(all, "decorator-5.2.1"));
        // no License field, classifier MIT License
        Assert.Equal(new LicenseResolution { Id = "MIT", Source = LicenseResolution.FromClassifier, Concluded = true }, Single(all, "annotated_types-0.7.0"));
        // no License field, classifier BSD License: its LICENSE.txt is the Pallets BSD-3 text
        Assert.Equal(new LicenseResolution { Id = "BSD-3-Clause", Source = LicenseResolution.FromLicenseFile, Concluded = true }, Single(all, "jinja2-3.1.6"));
        // License: UNKNOWN, classifier BSD License: the LICENSE file is BSD-3
        Assert.Equal(new LicenseResolution { Id = "BSD-3-Clause", Source = LicenseResolution.FromLicenseFile, Concluded = true }, Single(all, "backcall-0.2.0"));
        // License: "ASL 2", classifier Apache Software License: the LICENSE file is the Apache 2.0 notice
        Assert.Equal(new LicenseResolution { Id = "Apache-2.0", Source = LicenseResolution.FromLicenseFile, Concluded = true }, Single(all, "rsa-4.7.2"));
        // License: "Dual License", classifiers BSD and Apache, a LICENSE file holding both: words only
        Assert.Equal(
            [
                new LicenseResolution { Name = "Dual License", Source = LicenseResolution.FromLicenseField },
                new LicenseResolution { Name = "BSD License", Source = LicenseResolution.FromClassifier },
                new LicenseResolution { Name = "Apache Software License", Source = LicenseResolution.FromClassifier },
            ],
            all["python_dateutil-2.9.0.post0.dist-info"]);
        // four license classifiers, one of them mappable: listed side by side
        Assert.Equal(
            [
                new LicenseResolution { Id = "PSF-2.0", Source = LicenseResolution.FromClassifier, Concluded = true },
                new LicenseResolution { Name = "Public Domain", Source = LicenseResolution.FromClassifier },
                new LicenseResolution { Name = "BSD License", Source = LicenseResolution.FromClassifier },
                new LicenseResolution { Name = "GNU General Public License (GPL)", Source = LicenseResolution.FromClassifier },
            ],
            all["docutils-0.19.dist-info"]);
    }

    [Fact]
    public void An_invalid_expression_is_kept_as_written_and_nothing_else_is_used()
    {
        var metadata = CoreMetadata.Parse("Metadata-Version: 2.4\nName: x\nVersion: 1\nLicense-Expression: MIT or Apache 2\nLicense: MIT\nClassifier: License :: OSI Approved :: MIT License\n");
        Assert.Equal([new LicenseResolution { Name = "MIT or Apache 2", Source = LicenseResolution.FromLicenseExpression }], LicenseResolver.Resolve(metadata, []));
    }

    [Fact]
    public void A_lowercase_expression_is_normalized()
    {
        var metadata = CoreMetadata.Parse("Metadata-Version: 2.4\nName: x\nVersion: 1\nLicense-Expression: mit or apache-2.0\n");
        Assert.Equal([Expression("MIT OR Apache-2.0", LicenseResolution.FromLicenseExpression)], LicenseResolver.Resolve(metadata, []));
    }

    [Fact]
    public void A_license_text_in_the_License_field_is_recognised()
    {
        var mit = File.ReadAllText(Path.Combine(SitePackages, "attrs-26.1.0.dist-info/licenses/LICENSE"));
        var folded = string.Join("\n        ", mit.Split('\n'));
        var metadata = CoreMetadata.Parse($"Metadata-Version: 2.1\nName: x\nVersion: 1\nLicense: {folded}\n");
        Assert.Equal([new LicenseResolution { Id = "MIT", Source = LicenseResolution.FromLicenseField, Concluded = true }], LicenseResolver.Resolve(metadata, []));
    }

    [Fact]
    public void Nothing_said_gives_nothing_and_placeholders_are_not_names()
    {
        Assert.Empty(LicenseResolver.Resolve(CoreMetadata.Parse("Metadata-Version: 2.1\nName: x\nVersion: 1\nLicense: UNKNOWN\nClassifier: License :: OSI Approved\n"), []));
        var freeText = CoreMetadata.Parse("Metadata-Version: 2.1\nName: x\nVersion: 1\nLicense: Proprietary, see the contract\n");
        Assert.Equal([new LicenseResolution { Name = "Proprietary, see the contract", Source = LicenseResolution.FromLicenseField }], LicenseResolver.Resolve(freeText, []));
        var longText = CoreMetadata.Parse($"Metadata-Version: 2.1\nName: x\nVersion: 1\nLicense: {new string('x', 201)}\n");
        Assert.Empty(LicenseResolver.Resolve(longText, []));
    }

    private static LicenseResolution Expression(string expression, string source) => new() { Expression = expression, Source = source };

    private static LicenseResolution Single(Dictionary<string, IReadOnlyList<LicenseResolution>> all, string distribution) =>
        Assert.Single(all[distribution + ".dist-info"]);

    /// <summary>The files PEP 639's License-File names (under licenses/ for metadata 2.4, beside METADATA before), else the dist-info's LICENSE*/COPYING*.</summary>
    private static List<string> LicenseFiles(string distInfo, CoreMetadata metadata)
    {
        var named = metadata.GetAll("License-File")
            .Select(f => new[] { Path.Combine(distInfo, "licenses", f), Path.Combine(distInfo, f) }.FirstOrDefault(File.Exists))
            .OfType<string>()
            .ToList();
        if (named.Count == 0)
        {
            named = [.. Directory.EnumerateFiles(distInfo)
                .Where(p => Path.GetFileName(p).StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(p).StartsWith("COPYING", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)];
        }

        return [.. named.Select(File.ReadAllText)];
    }
}
