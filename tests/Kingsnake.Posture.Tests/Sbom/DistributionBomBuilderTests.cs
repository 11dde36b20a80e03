using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Posture.Sbom;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Tests.Sbom;

public sealed class DistributionBomBuilderTests
{
    /// <summary>A real wheel on this machine: CPython 3.13's test copy of wheel 0.43.0.</summary>
    private static string WheelFile =>
        Directory.GetDirectories("/root/.pyenv/versions", "3.13*").Select(v => Path.Combine(v, "lib", "python3.13", "test", "wheeldata", "wheel-0.43.0-py3-none-any.whl")).First(File.Exists);

    [Fact]
    public void Real_wheel()
    {
        var result = DistributionBomBuilder.Build(WheelFile, SbomTestFiles.Fixed);
        var document = result.Document;
        var root = document.Root;
        Assert.Equal(("wheel", "0.43.0"), (root.Name, root.Version));
        Assert.Equal("pkg:pypi/wheel@0.43.0?file_name=wheel-0.43.0-py3-none-any.whl", root.Purl);
        Assert.Equal("wheel-0.43.0-py3-none-any.whl", root.FileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(WheelFile))), root.Hashes.Single().Hex);
        Assert.Equal("A built-package format for Python", root.Description);
        Assert.Equal([new BomParty("Daniel Holth", "dholth@fastmail.fm")], root.Authors);
        Assert.Equal(new BomParty("Alex Grönholm", "alex.gronholm@nextday.fi"), root.Supplier);
        Assert.Equal(["release-notes", "documentation", "issue-tracker", "vcs"], root.ExternalReferences.Select(r => r.Type));
        // only a classifier ("License :: OSI Approved :: MIT License"): an SPDX id Kingsnake concluded from it
        var license = Assert.Single(root.Licenses);
        Assert.Equal(("MIT", true, "classifier"), (license.Id, license.Concluded, license.Source));
        Assert.Equal(BomLifecycle.PostBuild, document.Lifecycle);
        Assert.Equal(BomCompleteness.Incomplete, document.Completeness);

        // Requires-Dist: pytest >= 6.0.0 ; extra == "test" and setuptools >= 65 ; extra == "test".
        Assert.Equal(["pytest", "setuptools"], document.Components.Select(c => c.Name));
        Assert.All(document.Components, c => Assert.Equal(BomScope.Optional, c.Scope));
        Assert.Equal([">=6.0.0", ">=65"], document.Components.Select(c => c.VersionSpecifier));
        Assert.Contains(new BomProperty("kingsnake:extra", "test"), document.Components[0].Properties);
        Assert.Equal(document.Components.Select(c => c.Ref), document.Dependencies[0].DependsOn);
        SbomTestFiles.AssertGraphWellFormed(document);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Sdist_tar_gz()
    {
        using var dir = new ScratchDirectory();
        var path = Path.Combine(dir.Path, "demo-2.0.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            void Add(string name, string text)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
                tar.WriteEntry(entry);
            }

            Add("demo-2.0/PKG-INFO", "Metadata-Version: 2.2\nName: demo\nVersion: 2.0\nLicense: BSD-3-Clause\nRequires-Dist: attrs>=22\nRequires-Dist: tomli; python_version < \"3.11\"\nRequires-Dist: rich; extra == \"cli\"\nProvides-Extra: cli\n\n");
            Add("demo-2.0/LICENSE", "Copyright (c) 2026\n");
            Add("demo-2.0/demo/__init__.py", "");
        }

        var document = DistributionBomBuilder.Build(path, SbomTestFiles.Fixed).Document;
        Assert.Equal(("demo", "2.0", "demo-2.0.tar.gz"), (document.Root.Name, document.Root.Version, document.Root.FileName));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), document.Root.Hashes.Single().Hex);
        var declared = document.Root.Licenses.Single(); // a License field that is an SPDX id is declared as one
        Assert.Equal(("BSD-3-Clause", false), (declared.Expression ?? declared.Id, declared.Concluded));
        Assert.Equal(["attrs", "tomli", "rich"], document.Components.Select(c => c.Name));
        Assert.Equal([BomScope.Required, BomScope.Required, BomScope.Optional], document.Components.Select(c => c.Scope));
        Assert.Contains(new BomProperty("kingsnake:marker", "python_version < \"3.11\""), document.Components[1].Properties);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void A_file_that_is_no_distribution_is_an_input_error()
    {
        using var dir = new ScratchDirectory();
        var notZip = dir.Write("fake-1.0-py3-none-any.whl", "not a zip");
        Assert.Throws<InputFormatException>(() => DistributionBomBuilder.Build(notZip, SbomTestFiles.Fixed));

        var emptyZip = Path.Combine(dir.Path, "empty-1.0.zip");
        using (var zip = ZipFile.Open(emptyZip, ZipArchiveMode.Create))
        {
            zip.CreateEntry("readme.txt");
        }

        Assert.Throws<InputFormatException>(() => DistributionBomBuilder.Build(emptyZip, SbomTestFiles.Fixed));
    }
}
