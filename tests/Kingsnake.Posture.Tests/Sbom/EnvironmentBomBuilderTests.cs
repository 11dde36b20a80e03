using System.Security.Cryptography;
using Kingsnake.Packaging.Names;
using Kingsnake.Posture.Sbom;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Tests.Sbom;

public sealed class EnvironmentBomBuilderTests
{
    [Fact]
    public void Python_3_11_site_packages_lists_every_distribution_with_a_hash()
    {
        var site = SbomTestFiles.Python311SitePackages;
        var result = EnvironmentBomBuilder.Build(site, SbomTestFiles.Fixed);
        Assert.Empty(result.Errors);
        var document = result.Document;

        // The directory listing, independently: name-version.dist-info → (normalized name, version).
        var listed = Directory.GetDirectories(site, "*.dist-info")
            .Select(d => Path.GetFileName(d)[..^".dist-info".Length])
            .Select(n => (PackageName.Normalize(n[..n.LastIndexOf('-')]), n[(n.LastIndexOf('-') + 1)..]))
            .Order()
            .ToList();
        Assert.True(listed.Count > 50, $"only {listed.Count} distributions in {site}");
        var inBom = document.Components.Select(c => (PackageName.Normalize(c.Name), c.Version!)).Order().ToList();
        Assert.Equal(listed, inBom);

        // Every one has a hash: none was installed from a direct URL here, so each is its RECORD's SHA-256.
        Assert.All(document.Components, c =>
        {
            var hash = Assert.Single(c.Hashes);
            Assert.Equal("SHA-256", hash.Algorithm);
            Assert.Matches("^[0-9a-f]{64}$", hash.Hex);
            Assert.Contains(new BomProperty(DistInfoComponentReader.HashOfProperty, "RECORD"), c.Properties);
            Assert.StartsWith("pkg:pypi/", c.Purl, StringComparison.Ordinal);
        });
        var pip = document.Components.Single(c => c.Name == "pip");
        var record = Path.Combine(site, "pip-23.2.1.dist-info", "RECORD");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(record))), pip.Hashes[0].Hex);
        Assert.Equal("pkg:pypi/pip@23.2.1", pip.Purl);
        Assert.Equal("The PyPA recommended tool for installing Python packages.", pip.Description);

        Assert.Equal(BomLifecycle.Operations, document.Lifecycle);
        Assert.Equal(BomCompleteness.Complete, document.Completeness);
        SbomTestFiles.AssertGraphWellFormed(document);

        // requests depends on urllib3, idna, certifi and charset-normalizer, all installed here.
        var requests = document.Components.Single(c => c.Name == "requests");
        var requestsEdges = document.Dependencies.Single(d => d.Ref == requests.Ref).DependsOn;
        Assert.Equal(
            ["certifi", "charset-normalizer", "idna", "urllib3"],
            requestsEdges.Select(r => PackageName.Normalize(document.Components.Single(c => c.Ref == r).Name)).Order());

        // The root's edges are what nothing else requires: pip is one, urllib3 is not.
        var rootEdges = document.Dependencies.Single(d => d.Ref == document.Root.Ref).DependsOn;
        Assert.Contains(pip.Ref, rootEdges);
        Assert.DoesNotContain(document.Components.Single(c => c.Name == "urllib3").Ref, rootEdges);

        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Shipped_PEP_770_sboms_are_referenced_with_their_sha256()
    {
        var site = SbomTestFiles.Python311SitePackages;
        var document = EnvironmentBomBuilder.Build(site, SbomTestFiles.Fixed).Document;
        var cryptography = document.Components.Single(c => c.Name == "cryptography");
        var sbomDirectory = Directory.GetDirectories(site, "cryptography-*.dist-info").Single() + "/sboms";
        var files = Directory.GetFiles(sbomDirectory).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, cryptography.ShippedSbomFiles);
        var boms = cryptography.ExternalReferences.Where(r => r.Type == "bom").ToList();
        Assert.Equal(files.Count, boms.Count);
        for (var i = 0; i < files.Count; i++)
        {
            Assert.EndsWith("/sboms/" + Path.GetFileName(files[i]), boms[i].Url, StringComparison.Ordinal);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(files[i]))), boms[i].Hashes.Single().Hex);
        }

        Assert.Empty(document.Components.Single(c => c.Name == "pip").ShippedSbomFiles);

        // merged: the Rust crates and the bundled OpenSSL appear under cryptography with the purls its SBOMs give
        var nestedPurls = cryptography.Components.Select(c => c.Purl).ToList();
        // the Rust SBOM: 39 components and its primary's own nested library target; the other: OpenSSL
        Assert.Equal(39 + 1 + 1, nestedPurls.Count(p => p is not null && (p.StartsWith("pkg:cargo/", StringComparison.Ordinal) || p.StartsWith("pkg:generic/", StringComparison.Ordinal))));
        Assert.Contains("pkg:generic/openssl@4.0.0?download_url=https://github.com/openssl/openssl/releases/download/openssl-4.0.0/openssl-4.0.0.tar.gz", nestedPurls);
        Assert.All(cryptography.Components, c => Assert.StartsWith(cryptography.Ref + "/sbom/", c.Ref, StringComparison.Ordinal));
        SbomTestFiles.AssertGraphWellFormed(document);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Metadata_fields_direct_url_hashes_and_licenses()
    {
        using var dir = new ScratchDirectory();
        const string site = "venv/lib/python3.12/site-packages";
        dir.Write($"{site}/demo_pkg-1.2.0.dist-info/METADATA", """
            Metadata-Version: 2.4
            Name: Demo_Pkg
            Version: 1.2.0
            Summary: A demo package.
            Author: Jane Doe
            Author-email: Jane Doe <jane@example.org>, bots@example.org
            Maintainer-email: "Ops Team" <ops@example.org>
            License-Expression: MIT OR Apache-2.0
            Home-page: https://demo.example.org
            Project-URL: Source Code, https://github.com/example/demo
            Project-URL: Bug Tracker, https://github.com/example/demo/issues
            Project-URL: Docs, https://demo.example.org/docs
            Project-URL: Funding, https://example.org/fund
            Requires-Dist: helper>=1

            body
            """);
        dir.Write($"{site}/demo_pkg-1.2.0.dist-info/direct_url.json",
            """{"url": "https://example.org/dl/demo_pkg-1.2.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}}""");
        dir.Write($"{site}/demo_pkg-1.2.0.dist-info/RECORD", "demo_pkg/__init__.py,,\n");
        dir.Write($"{site}/helper-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: helper\nVersion: 1.0\nLicense: Free for all\n\n");
        dir.Write($"{site}/helper-1.0.dist-info/RECORD", "helper.py,,\n");
        dir.Write($"{site}/helper-1.0.dist-info/vcs.json", "{}");

        var result = EnvironmentBomBuilder.Build(Path.Combine(dir.Path, "venv"), SbomTestFiles.Fixed);
        Assert.Empty(result.Errors);
        var document = result.Document;
        Assert.Equal("venv", document.Root.Name);
        var demo = document.Components.Single(c => c.Name == "Demo_Pkg");
        Assert.Equal("pkg:pypi/demo-pkg@1.2.0?download_url=https:%2F%2Fexample.org%2Fdl%2Fdemo_pkg-1.2.0-py3-none-any.whl&file_name=demo_pkg-1.2.0-py3-none-any.whl", demo.Purl);
        Assert.Equal("A demo package.", demo.Description);
        Assert.Equal([new BomParty("Jane Doe", "jane@example.org"), new BomParty(null, "bots@example.org")], demo.Authors);
        Assert.Equal(new BomParty("Ops Team", "ops@example.org"), demo.Supplier);
        Assert.Equal([new BomHash("SHA-256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")], demo.Hashes);
        Assert.DoesNotContain(demo.Properties, p => p.Name == DistInfoComponentReader.HashOfProperty);
        Assert.Equal("demo_pkg-1.2.0-py3-none-any.whl", demo.FileName);
        Assert.Equal("MIT OR Apache-2.0", Assert.Single(demo.Licenses).Expression);
        Assert.Equal(
            ["website https://demo.example.org", "vcs https://github.com/example/demo", "issue-tracker https://github.com/example/demo/issues",
             "documentation https://demo.example.org/docs", "other https://example.org/fund", "distribution https://example.org/dl/demo_pkg-1.2.0-py3-none-any.whl"],
            demo.ExternalReferences.Select(r => $"{r.Type} {r.Url}"));

        var helper = document.Components.Single(c => c.Name == "helper");
        Assert.Equal("Free for all", Assert.Single(helper.Licenses).Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("helper.py,,\n"u8)), helper.Hashes.Single().Hex);
        Assert.Equal([helper.Ref], document.Dependencies.Single(d => d.Ref == demo.Ref).DependsOn);
        Assert.Equal([demo.Ref], document.Dependencies.Single(d => d.Ref == document.Root.Ref).DependsOn);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void A_broken_distribution_is_an_error_and_the_rest_is_kept()
    {
        using var dir = new ScratchDirectory();
        dir.Write("site-packages/good-1.0.dist-info/METADATA", "Name: good\nVersion: 1.0\n\n");
        dir.Write("site-packages/bad-1.0.dist-info/METADATA", "Summary: no name\n\n");
        var result = EnvironmentBomBuilder.Build(Path.Combine(dir.Path, "site-packages"), SbomTestFiles.Fixed);
        Assert.NotEmpty(result.Errors);
        Assert.Equal(["good"], result.Document.Components.Select(c => c.Name));
        Assert.Equal(BomCompleteness.Incomplete, result.Document.Completeness);
        SbomTestFiles.AssertValidEverywhere(result.Document);
    }
}
