using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Reporting.Tests.Sbom;

/// <summary>Hand-built BOM documents that use every field the writers know.</summary>
internal static class SampleBoms
{
    public static readonly Guid Serial = Guid.Parse("3e671687-395b-41f5-a30f-a58921a69b79");

    public static readonly DateTimeOffset Time = new(2026, 3, 1, 12, 30, 45, TimeSpan.FromHours(2));

    /// <summary>
    /// A project with: a runtime dependency with an expression license, hashes and links; a dev (excluded) and an
    /// optional dependency; an unresolved requirement; a wheel with a bundled native library (nested); a name with
    /// characters SPDX ids may not hold; two free-text license names; one vulnerability with VEX analysis.
    /// </summary>
    public static BomDocument Full()
    {
        var requests = new BomComponent
        {
            Ref = "pkg:pypi/requests@2.31.0",
            Name = "requests",
            Version = "2.31.0",
            Purl = "pkg:pypi/requests@2.31.0",
            Description = "Python HTTP for Humans.",
            Hashes = [new BomHash("SHA-256", new string('a', 64))],
            Licenses = [new BomLicense { Expression = "Apache-2.0", Source = "License-Expression" }, new BomLicense { Name = "Apache 2.0", Source = "License" }],
            Supplier = new BomParty("Kenneth Reitz", "me@kennethreitz.org"),
            Authors = [new BomParty("Kenneth Reitz", "me@kennethreitz.org"), new BomParty(null, "ops@example.org")],
            FileName = "requests-2.31.0-py3-none-any.whl",
            ExternalReferences =
            [
                new BomExternalReference("website", "https://requests.readthedocs.io"),
                new BomExternalReference("vcs", "https://github.com/psf/requests"),
                new BomExternalReference("distribution", "https://files.pythonhosted.org/packages/70/8e/requests-2.31.0-py3-none-any.whl")
                {
                    Hashes = [new BomHash("SHA-256", new string('a', 64))],
                },
            ],
            Properties = [new BomProperty("kingsnake:source", "uv.lock:12")],
        };
        var pytest = new BomComponent
        {
            Ref = "pkg:pypi/pytest@8.0.0",
            Name = "pytest",
            Version = "8.0.0",
            Purl = "pkg:pypi/pytest@8.0.0",
            Scope = BomScope.Excluded,
            Licenses = [new BomLicense { Id = "MIT" }],
            Supplier = new BomParty("pytest-dev team", null),
        };
        var pysocks = new BomComponent
        {
            Ref = "pkg:pypi/pysocks@1.7.1",
            Name = "PySocks",
            Version = "1.7.1",
            Purl = "pkg:pypi/pysocks@1.7.1",
            Scope = BomScope.Optional,
            Licenses = [new BomLicense { Name = "BSD" }, new BomLicense { Name = "Some (odd) license", Concluded = true }],
            Hashes = [new BomHash("SHA-512", new string('b', 128)), new BomHash("BLAKE2b-256", new string('c', 64)), new BomHash("MD5", new string('d', 32))],
        };
        var unresolved = new BomComponent
        {
            Ref = "pkg:pypi/charset-normalizer",
            Name = "charset_normalizer",
            VersionSpecifier = ">=2,<4",
            Purl = "pkg:pypi/charset-normalizer",
        };
        var wheel = new BomComponent
        {
            Ref = "pkg:pypi/cryptography@48.0.0",
            Name = "cryptography",
            Version = "48.0.0",
            Purl = "pkg:pypi/cryptography@48.0.0",
            Licenses = [new BomLicense { Expression = "Apache-2.0 OR BSD-3-Clause" }, new BomLicense { Id = "Apache-2.0", Concluded = true }],
            ExternalReferences = [new BomExternalReference("bom", "cryptography-48.0.0.dist-info/sboms/sbom.json") { Hashes = [new BomHash("SHA-256", new string('e', 64))] }],
            Components =
            [
                new BomComponent
                {
                    Ref = "bundled:openssl",
                    Name = "openssl",
                    Version = "3.5.0",
                    Purl = "pkg:generic/openssl@3.5.0",
                },
            ],
        };
        var root = new BomComponent
        {
            Ref = "pkg:pypi/my-app@1.0",
            Type = "application",
            Name = "my_app (test)",
            Version = "1.0",
            Purl = "pkg:pypi/my-app@1.0",
        };
        return new BomDocument
        {
            SerialNumber = Serial,
            Timestamp = Time,
            ToolName = "kingsnake",
            ToolVersion = "0.1.0",
            Root = root,
            Lifecycle = BomLifecycle.PreBuild,
            Components = [requests, pytest, pysocks, unresolved, wheel],
            Dependencies =
            [
                new BomDependency(root.Ref, [requests.Ref, pytest.Ref, wheel.Ref]),
                new BomDependency(requests.Ref, [pysocks.Ref, unresolved.Ref]),
                new BomDependency(pytest.Ref, []),
                new BomDependency(pysocks.Ref, []),
                new BomDependency(unresolved.Ref, []),
                new BomDependency(wheel.Ref, []),
            ],
            Completeness = BomCompleteness.Incomplete,
            Vulnerabilities =
            [
                new BomVulnerability
                {
                    Id = "GHSA-j8r2-6x86-q33q",
                    SourceUrl = "https://osv.dev/vulnerability/GHSA-j8r2-6x86-q33q",
                    Aliases = ["CVE-2023-32681", "PYSEC-2023-74"],
                    Ratings = [new BomRating("medium", 6.1, "CVSSv31", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N")],
                    Cwes = [200],
                    Description = "Unintended leak of Proxy-Authorization header",
                    Recommendation = "Upgrade to 2.31.0",
                    Published = new DateTimeOffset(2023, 5, 22, 20, 0, 0, TimeSpan.Zero),
                    Affects = [new BomAffect(requests.Ref, "2.31.0") { FixedVersions = ["2.32.0"] }],
                    Analysis = new BomAnalysis("not_affected") { Justification = "code_not_reachable", Responses = ["will_not_fix"], Detail = "no proxies" },
                },
            ],
        };
    }

    public static string Write(CycloneDxWriter writer, BomDocument document)
    {
        using var stream = new MemoryStream();
        writer.Write(document, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Write(SpdxWriter writer, BomDocument document)
    {
        using var stream = new MemoryStream();
        writer.Write(document, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
