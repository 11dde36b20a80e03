using System.Security.Cryptography;
using System.Text;
using Kingsnake.Posture.Sbom;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Tests.Sbom;

/// <summary>
/// Shipped SBOMs (PEP 770): the three real ones installed here (cryptography 48.0.0 and pydantic-core 2.46.4, made
/// by cargo-cyclonedx and cryptography's own build), an auditwheel-style CycloneDX one and an SPDX 2.3 one written
/// like the tools write them, and broken files. Counts were taken from the files with Python's json module.
/// </summary>
public sealed class ShippedSbomReaderTests
{
    private const string SitePackages = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";
    private const string WheelRef = "pkg:pypi/numpy@2.3.1";

    [Fact]
    public void Cargo_cyclonedx_sbom_of_pydantic_core()
    {
        var path = "pydantic_core-2.46.4.dist-info/sboms/pydantic-core.cyclonedx.json";
        var bytes = File.ReadAllBytes(Path.Combine(SitePackages, path));
        var sbom = ShippedSbomReader.Read(bytes, path, "pydantic-core==2.46.4");

        Assert.Null(sbom.Error);
        Assert.Equal("CycloneDX 1.5", sbom.Format);
        Assert.Equal(path, sbom.Reference.Url);
        Assert.Equal("bom", sbom.Reference.Type);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Assert.Single(sbom.Reference.Hashes).Hex);
        Assert.Equal("CycloneDX 1.5", sbom.Reference.Comment);

        // metadata.component folded into the wheel: the Rust crate, its purl as written
        var primary = Assert.IsType<BomComponent>(sbom.Primary);
        Assert.Equal("pydantic-core==2.46.4", primary.Ref);
        Assert.Equal("pydantic-core", primary.Name);
        Assert.Equal("2.46.4", primary.Version);
        Assert.Equal("pkg:cargo/pydantic-core@2.46.4?download_url=file://.", primary.Purl);
        Assert.Equal("MIT", Assert.Single(primary.Licenses).Expression);
        Assert.Empty(primary.Components);

        // 103 crates and the primary's one nested part (its bin target), all prefixed
        Assert.Equal(104, sbom.Components.Count);
        Assert.All(sbom.Components, c => Assert.StartsWith("pydantic-core==2.46.4/sbom/pydantic-core.cyclonedx.json#", c.Ref, StringComparison.Ordinal));
        var pyo3 = Assert.Single(sbom.Components, c => c.Name == "pyo3");
        Assert.Equal("pydantic-core==2.46.4/sbom/pydantic-core.cyclonedx.json#registry+https://github.com/rust-lang/crates.io-index#pyo3@0.28.3", pyo3.Ref);
        Assert.Equal("0.28.3", pyo3.Version);
        Assert.Equal("pkg:cargo/pyo3@0.28.3", pyo3.Purl);
        Assert.Equal(new BomHash("SHA-256", "91fd8e38a3b50ed1167fb981cd6fd60147e091784c427b8f7183a7ee32c31c12"), Assert.Single(pyo3.Hashes));
        Assert.Equal("Bindings to Python interpreter", pyo3.Description);

        // 104 dependency entries in the file: the primary's (23 edges) now under the wheel's ref, 227 edges in all
        Assert.Equal(105, sbom.Dependencies.Count); // the wheel's entry and one per component (the bin target is a leaf the file lists no entry for)
        Assert.Equal(23, Assert.Single(sbom.Dependencies, d => d.Ref == "pydantic-core==2.46.4").DependsOn.Count);
        Assert.Equal(227, sbom.Dependencies.Sum(d => d.DependsOn.Count));
        var refs = sbom.Components.Select(c => c.Ref).Append("pydantic-core==2.46.4").ToHashSet(StringComparer.Ordinal);
        Assert.All(sbom.Dependencies, d => Assert.All(d.DependsOn.Append(d.Ref), r => Assert.Contains(r, refs)));
        Assert.Empty(sbom.Warnings);

        // every crate's license is a valid expression ("(MIT OR Apache-2.0) AND Unicode-DFS-2016" among them), none fell back to words
        var licenses = sbom.Components.SelectMany(c => c.Licenses).ToList();
        Assert.True(licenses.Count >= 100, $"{licenses.Count} licenses");
        Assert.All(licenses, l => Assert.NotNull(l.Expression));
        Assert.Contains(licenses, l => l.Expression == "(MIT OR Apache-2.0) AND Unicode-DFS-2016");
    }

    [Fact]
    public void Cryptography_ships_two_sboms_whose_refs_do_not_clash()
    {
        const string dir = "cryptography-48.0.0.dist-info/sboms/";
        var rust = ShippedSbomReader.Read(File.ReadAllBytes(Path.Combine(SitePackages, dir + "cryptography-rust.cyclonedx.json")), dir + "cryptography-rust.cyclonedx.json", "cryptography==48.0.0");
        var openssl = ShippedSbomReader.Read(File.ReadAllBytes(Path.Combine(SitePackages, dir + "sbom.json")), dir + "sbom.json", "cryptography==48.0.0");

        Assert.Null(rust.Error);
        Assert.Equal(40, rust.Components.Count); // 39 crates and the primary's bin target
        Assert.Equal(83, rust.Dependencies.Sum(d => d.DependsOn.Count));
        Assert.Equal(17, Assert.Single(rust.Dependencies, d => d.Ref == "cryptography==48.0.0").DependsOn.Count);
        Assert.Equal("Apache-2.0 OR BSD-3-Clause", Assert.Single(rust.Primary!.Licenses).Expression);

        // a document without metadata.component and a component without bom-ref
        Assert.Null(openssl.Error);
        Assert.Null(openssl.Primary);
        var library = Assert.Single(openssl.Components);
        Assert.Equal("cryptography==48.0.0/sbom/sbom.json#component-1", library.Ref);
        Assert.Equal("openssl", library.Name);
        Assert.Equal("4.0.0", library.Version);
        Assert.Equal("pkg:generic/openssl@4.0.0?download_url=https://github.com/openssl/openssl/releases/download/openssl-4.0.0/openssl-4.0.0.tar.gz", library.Purl);
        Assert.Equal("c32cf49a959c4f345f9606982dd36e7d28f7c58b19c2e25d75624d2b3d2f79ac", Assert.Single(library.Hashes).Hex);
        Assert.Contains(new BomProperty("build:operating-system", "linux"), library.Properties);
        Assert.Equal("distribution", Assert.Single(library.ExternalReferences).Type);
        Assert.Equal([new BomDependency(library.Ref, [])], openssl.Dependencies, new DependencyComparer());

        Assert.Empty(rust.Components.Select(c => c.Ref).Intersect(openssl.Components.Select(c => c.Ref)));
    }

    [Fact]
    public void Auditwheel_style_cyclonedx_keeps_distro_purls_and_folds_the_wheel()
    {
        var sbom = Read("numpy-2.3.1.dist-info/sboms/auditwheel.cdx.json", AuditwheelBom);
        Assert.Null(sbom.Error);
        Assert.Equal("CycloneDX 1.4", sbom.Format);
        Assert.Equal(WheelRef, sbom.Primary!.Ref);
        Assert.Equal("pkg:pypi/numpy@2.3.1?file_name=numpy-2.3.1-cp312-cp312-manylinux_2_28_x86_64.whl", sbom.Primary.Purl);

        // the wheel listed again among the components is folded, not a component of itself
        Assert.Equal(["libgfortran", "libquadmath", "libopenblas"], sbom.Components.Select(c => c.Name));
        var gfortran = sbom.Components[0];
        Assert.Equal("pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", gfortran.Purl);
        Assert.Equal("8.5.0-26.el8_10", gfortran.Version);
        Assert.Equal("GPL-3.0-or-later WITH GCC-exception-3.1", Assert.Single(gfortran.Licenses).Expression);
        Assert.Equal("pkg:generic/openblas@0.3.29", sbom.Components[2].Purl);
        Assert.Equal("BSD-3-Clause", Assert.Single(sbom.Components[2].Licenses).Id);

        var prefix = WheelRef + "/sbom/auditwheel.cdx.json#";
        Assert.Equal(
            [
                new BomDependency(WheelRef, [prefix + "pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", prefix + "pkg:generic/openblas@0.3.29"]),
                new BomDependency(prefix + "pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", [prefix + "pkg:rpm/almalinux/libquadmath@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10"]),
                new BomDependency(prefix + "pkg:rpm/almalinux/libquadmath@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", []),
                new BomDependency(prefix + "pkg:generic/openblas@0.3.29", [prefix + "pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10"]),
            ],
            sbom.Dependencies,
            new DependencyComparer());
        // the edge to a ref the file never defines is dropped, and said
        Assert.Contains(sbom.Warnings, w => w.Contains("libz-missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Spdx_2_3_packages_relationships_and_licenses()
    {
        var sbom = Read("pillow-11.3.0.dist-info/sboms/pillow.spdx.json", SpdxBom);
        Assert.Null(sbom.Error);
        Assert.Equal("SPDX-2.3", sbom.Format);
        Assert.Equal("SPDX-2.3", sbom.Reference.Comment);

        var primary = sbom.Primary!;
        Assert.Equal(WheelRef, primary.Ref);
        Assert.Equal("pillow", primary.Name);
        Assert.Equal("MIT-CMU", Assert.Single(primary.Licenses).Expression);
        Assert.False(primary.Licenses[0].Concluded);

        Assert.Equal(["libjpeg-turbo", "zlib", "libwebp"], sbom.Components.Select(c => c.Name));
        var jpeg = sbom.Components[0];
        Assert.Equal(WheelRef + "/sbom/pillow.spdx.json#SPDXRef-Package-libjpeg-turbo", jpeg.Ref);
        Assert.Equal("pkg:deb/debian/libjpeg62-turbo@1:2.1.5-2?arch=amd64&distro=debian-12", jpeg.Purl);
        Assert.Equal("3.1.0", sbom.Components[2].Version);
        Assert.Equal([new BomHash("SHA-256", "a3e2b9d8c1f04a6b5e7d9c2f1a0b3e4d5c6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"), new BomHash("SHA-1", "0123456789abcdef0123456789abcdef01234567")], jpeg.Hashes);
        Assert.Equal("IJG AND BSD-3-Clause AND Zlib", Assert.Single(jpeg.Licenses).Expression);
        Assert.Equal(new BomParty("libjpeg-turbo project", null), jpeg.Supplier);
        Assert.Equal("https://github.com/libjpeg-turbo/libjpeg-turbo/releases/download/2.1.5/libjpeg-turbo-2.1.5.tar.gz", Assert.Single(jpeg.ExternalReferences).Url);
        // licenseDeclared NOASSERTION: the concluded one is used, marked so
        Assert.Equal(new BomLicense { Expression = "Zlib", Concluded = true, Source = "shipped SBOM" }, Assert.Single(sbom.Components[1].Licenses));
        // a license that is not an expression is kept as words
        Assert.Equal("BSD style", Assert.Single(sbom.Components[2].Licenses).Name);

        var prefix = WheelRef + "/sbom/pillow.spdx.json#";
        Assert.Equal(
            [
                new BomDependency(WheelRef, [prefix + "SPDXRef-Package-libjpeg-turbo", prefix + "SPDXRef-Package-libwebp"]),
                new BomDependency(prefix + "SPDXRef-Package-libjpeg-turbo", []),
                new BomDependency(prefix + "SPDXRef-Package-zlib", []),
                new BomDependency(prefix + "SPDXRef-Package-libwebp", [prefix + "SPDXRef-Package-zlib"]),
            ],
            sbom.Dependencies,
            new DependencyComparer());
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>", "not valid JSON")]
    [InlineData("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n", "not valid JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"name\": \"x\"}", "neither CycloneDX")]
    [InlineData("{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}", "JSON-LD")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"2.0\"}", "is not 1.x")]
    [InlineData("{\"spdxVersion\": \"SPDX-3.0\"}", "is not SPDX 2")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [", "not valid JSON")]
    public void Unreadable_files_give_an_error_and_still_a_reference(string text, string reason)
    {
        var sbom = Read("x-1.dist-info/sboms/x.json", text);
        Assert.Contains(reason, sbom.Error, StringComparison.Ordinal);
        Assert.Null(sbom.Format);
        Assert.Empty(sbom.Components);
        Assert.Equal("x-1.dist-info/sboms/x.json", sbom.Reference.Url);
        Assert.Equal("unknown format", sbom.Reference.Comment);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), Assert.Single(sbom.Reference.Hashes).Hex);
    }

    [Fact]
    public void Bounds_are_kept()
    {
        var deep = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"x\": " + new string('[', 70) + new string(']', 70) + "}";
        Assert.Contains("not valid JSON", Read("a.json", deep).Error, StringComparison.Ordinal);

        var large = new byte[ShippedSbomReader.MaxBytes + 1];
        var sbom = ShippedSbomReader.Read(large, "big.json", WheelRef);
        Assert.Contains("larger than 16 MiB", sbom.Error, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(large)), sbom.Reference.Hashes[0].Hex);
    }

    [Fact]
    public void Odd_values_are_skipped_not_thrown()
    {
        var sbom = Read("odd.json", """
            {"bomFormat": "CycloneDX", "specVersion": "1.6",
             "metadata": {"component": "not an object"},
             "components": [
               {"type": "library", "name": 42, "bom-ref": "a"},
               {"type": "library", "name": "ok", "bom-ref": "b", "version": 1, "hashes": [{"alg": "SHA-256"}], "licenses": [{"license": {"id": "Not-An-SPDX-Id"}}]},
               {"type": "library", "name": "twin", "bom-ref": "b", "licenses": [{"expression": "mit or apache-2.0"}, {"expression": "MIT/Apache-2.0", "acknowledgement": "concluded"}]},
               "text"
             ],
             "dependencies": [{"ref": "b", "dependsOn": ["b", 7, "a"]}, {"dependsOn": ["b"]}]}
            """);
        Assert.Null(sbom.Error);
        Assert.Null(sbom.Primary);
        Assert.Equal(["ok", "twin"], sbom.Components.Select(c => c.Name));
        Assert.Null(sbom.Components[0].Version);
        Assert.Empty(sbom.Components[0].Hashes);
        Assert.Equal(new BomLicense { Name = "Not-An-SPDX-Id", Source = "shipped SBOM" }, Assert.Single(sbom.Components[0].Licenses));
        Assert.Equal("wheel/sbom/odd.json#b~2", sbom.Components[1].Ref);
        Assert.Equal(
            [new BomLicense { Expression = "MIT OR Apache-2.0", Source = "shipped SBOM" }, new BomLicense { Name = "MIT/Apache-2.0", Concluded = true, Source = "shipped SBOM" }],
            sbom.Components[1].Licenses);
        Assert.Contains(sbom.Warnings, w => w.Contains("without a name", StringComparison.Ordinal));
        Assert.Contains(sbom.Warnings, w => w.Contains("defined twice", StringComparison.Ordinal));
    }

    private static ShippedSbom Read(string path, string text) =>
        ShippedSbomReader.Read(Encoding.UTF8.GetBytes(text), path, path == "odd.json" ? "wheel" : WheelRef);

    /// <summary>Records with lists compare by reference; this compares a dependency by its ref and its targets in order.</summary>
    private sealed class DependencyComparer : IEqualityComparer<BomDependency>
    {
        public bool Equals(BomDependency? x, BomDependency? y) => x is not null && y is not null && x.Ref == y.Ref && x.DependsOn.SequenceEqual(y.DependsOn);

        public int GetHashCode(BomDependency obj) => obj.Ref.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>
    /// As auditwheel 6.4 writes for a manylinux wheel: the wheel as metadata.component and again in components,
    /// the grafted libraries with the purls of the build image's RPMs (or pkg:generic for one built from source).
    /// </summary>
    private const string AuditwheelBom = """
        {
          "bomFormat": "CycloneDX",
          "specVersion": "1.4",
          "version": 1,
          "metadata": {
            "component": {"type": "library", "bom-ref": "pkg:pypi/numpy@2.3.1?file_name=numpy-2.3.1-cp312-cp312-manylinux_2_28_x86_64.whl", "name": "numpy", "version": "2.3.1",
                          "purl": "pkg:pypi/numpy@2.3.1?file_name=numpy-2.3.1-cp312-cp312-manylinux_2_28_x86_64.whl"},
            "tools": [{"name": "auditwheel", "version": "6.4.0"}]
          },
          "components": [
            {"type": "library", "bom-ref": "pkg:pypi/numpy@2.3.1?file_name=numpy-2.3.1-cp312-cp312-manylinux_2_28_x86_64.whl", "name": "numpy", "version": "2.3.1",
             "purl": "pkg:pypi/numpy@2.3.1?file_name=numpy-2.3.1-cp312-cp312-manylinux_2_28_x86_64.whl"},
            {"type": "library", "bom-ref": "pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", "name": "libgfortran", "version": "8.5.0-26.el8_10",
             "purl": "pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", "licenses": [{"expression": "GPL-3.0-or-later WITH GCC-exception-3.1"}]},
            {"type": "library", "bom-ref": "pkg:rpm/almalinux/libquadmath@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", "name": "libquadmath", "version": "8.5.0-26.el8_10",
             "purl": "pkg:rpm/almalinux/libquadmath@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10"},
            {"type": "library", "bom-ref": "pkg:generic/openblas@0.3.29", "name": "libopenblas", "version": "0.3.29", "purl": "pkg:generic/openblas@0.3.29",
             "licenses": [{"license": {"id": "BSD-3-Clause"}}]}
          ],
          "dependencies": [
            {"ref": "pkg:pypi/numpy@2.3.1?file_name=numpy-2.3.1-cp312-cp312-manylinux_2_28_x86_64.whl",
             "dependsOn": ["pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", "pkg:generic/openblas@0.3.29", "pkg:rpm/almalinux/libz-missing@1.2.11"]},
            {"ref": "pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10", "dependsOn": ["pkg:rpm/almalinux/libquadmath@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10"]},
            {"ref": "pkg:generic/openblas@0.3.29", "dependsOn": ["pkg:rpm/almalinux/libgfortran@8.5.0-26.el8_10?arch=x86_64&distro=almalinux-8.10"]}
          ]
        }
        """;

    /// <summary>An SPDX 2.3 document about a wheel and the libraries it bundles, relationships in both directions.</summary>
    private const string SpdxBom = """
        {
          "spdxVersion": "SPDX-2.3",
          "dataLicense": "CC0-1.0",
          "SPDXID": "SPDXRef-DOCUMENT",
          "name": "pillow-11.3.0-cp312-cp312-manylinux_2_28_x86_64.whl",
          "documentNamespace": "https://example.org/spdx/pillow-11.3.0-6f1c",
          "creationInfo": {"created": "2025-07-01T10:00:00Z", "creators": ["Tool: example-sbom-1.0"]},
          "packages": [
            {"SPDXID": "SPDXRef-Package-pillow", "name": "pillow", "versionInfo": "11.3.0", "downloadLocation": "NOASSERTION",
             "licenseDeclared": "MIT-CMU", "licenseConcluded": "NOASSERTION", "supplier": "Organization: Python Pillow",
             "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/pillow@11.3.0"}]},
            {"SPDXID": "SPDXRef-Package-libjpeg-turbo", "name": "libjpeg-turbo", "versionInfo": "1:2.1.5-2",
             "downloadLocation": "https://github.com/libjpeg-turbo/libjpeg-turbo/releases/download/2.1.5/libjpeg-turbo-2.1.5.tar.gz",
             "checksums": [{"algorithm": "SHA256", "checksumValue": "A3E2B9D8C1F04A6B5E7D9C2F1A0B3E4D5C6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B"}, {"algorithm": "SHA1", "checksumValue": "0123456789abcdef0123456789abcdef01234567"}, {"algorithm": "ADLER32", "checksumValue": "1"}],
             "licenseDeclared": "IJG and BSD-3-Clause AND Zlib", "supplier": "Organization: libjpeg-turbo project",
             "externalRefs": [{"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl", "referenceLocator": "pkg:deb/debian/libjpeg62-turbo@1:2.1.5-2?arch=amd64&distro=debian-12"}]},
            {"SPDXID": "SPDXRef-Package-zlib", "name": "zlib", "versionInfo": "1.3.1", "downloadLocation": "NONE",
             "licenseDeclared": "NOASSERTION", "licenseConcluded": "Zlib"},
            {"SPDXID": "SPDXRef-Package-libwebp", "name": "libwebp", "versionInfo": "3.1.0", "downloadLocation": "NOASSERTION", "licenseDeclared": "BSD style"}
          ],
          "relationships": [
            {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Package-pillow"},
            {"spdxElementId": "SPDXRef-Package-pillow", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-Package-libjpeg-turbo"},
            {"spdxElementId": "SPDXRef-Package-pillow", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-Package-zlib"},
            {"spdxElementId": "SPDXRef-Package-zlib", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-Package-libwebp"},
            {"spdxElementId": "SPDXRef-Package-pillow", "relationshipType": "DYNAMIC_LINK", "relatedSpdxElement": "SPDXRef-Package-libwebp"}
          ]
        }
        """;
}
