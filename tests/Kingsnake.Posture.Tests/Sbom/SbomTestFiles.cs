using System.Text;
using Kingsnake.Posture.Sbom;
using Kingsnake.Reporting.Sbom;
using Kingsnake.Reporting.Tests.Sbom;

namespace Kingsnake.Posture.Tests.Sbom;

/// <summary>Real inputs on this machine and in the repository, scratch directories, and writing + validating a BOM in every format.</summary>
internal static class SbomTestFiles
{
    public static readonly BomBuildOptions Fixed = new() { SerialNumber = Guid.Parse("00000000-0000-4000-8000-000000000001"), Timestamp = DateTimeOffset.UnixEpoch };

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Kingsnake.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("repository root not found");
        }
    }

    public static string DependencyData(string name) => Path.Combine(RepoRoot, "tests", "Kingsnake.Dependencies.Tests", "Data", name);

    public static string Python311SitePackages =>
        Directory.GetDirectories("/root/.pyenv/versions", "3.11*").Select(v => Path.Combine(v, "lib", "python3.11", "site-packages")).First(Directory.Exists);

    /// <summary>Writes the document as CycloneDX 1.6, 1.7 and SPDX 2.3 and asserts each is valid against its official schema.</summary>
    public static void AssertValidEverywhere(BomDocument document)
    {
        foreach (var version in (CycloneDxVersion[])[CycloneDxVersion.V1_6, CycloneDxVersion.V1_7])
        {
            using var stream = new MemoryStream();
            new CycloneDxWriter(version).Write(document, stream);
            SbomSchemas.AssertValidCycloneDx(Encoding.UTF8.GetString(stream.ToArray()));
        }

        using var spdx = new MemoryStream();
        new SpdxWriter().Write(document, spdx);
        SbomSchemas.AssertValidSpdx(Encoding.UTF8.GetString(spdx.ToArray()));
    }

    /// <summary>The graph invariants: one entry per component and the root, every ref resolves, no duplicate targets.</summary>
    public static void AssertGraphWellFormed(BomDocument document)
    {
        static IEnumerable<BomComponent> All(BomComponent component) => component.Components.SelectMany(All).Prepend(component);
        var refs = document.Components.SelectMany(All).Prepend(document.Root).Select(c => c.Ref).ToList();
        Assert.Equal(refs.Count, refs.Distinct(StringComparer.Ordinal).Count());
        // every top-level component and the root has an entry; parts nested from a shipped SBOM have one when it gave them edges
        var entries = document.Dependencies.Select(d => d.Ref).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(document.Dependencies.Count, entries.Count);
        Assert.All(document.Components.Select(c => c.Ref).Prepend(document.Root.Ref), r => Assert.Contains(r, entries));
        Assert.All(entries, r => Assert.Contains(r, refs));
        Assert.All(document.Dependencies, d =>
        {
            Assert.All(d.DependsOn, target => Assert.Contains(target, refs));
            Assert.Equal(d.DependsOn.Count, d.DependsOn.Distinct(StringComparer.Ordinal).Count());
        });
    }
}

/// <summary>A scratch directory removed after the test.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ks-sbom-" + Guid.NewGuid().ToString("N")[..12]);

    public ScratchDirectory() => Directory.CreateDirectory(Path);

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
