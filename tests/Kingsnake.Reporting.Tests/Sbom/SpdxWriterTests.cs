using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Reporting.Tests.Sbom;

public sealed class SpdxWriterTests
{
    private static JsonElement Package(JsonElement root, string name) =>
        root.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static List<(string From, string Type, string To)> Relationships(JsonElement root) =>
        root.GetProperty("relationships").EnumerateArray()
            .Select(r => (r.GetProperty("spdxElementId").GetString()!, r.GetProperty("relationshipType").GetString()!, r.GetProperty("relatedSpdxElement").GetString()!))
            .ToList();

    [Fact]
    public void Full_document_is_valid_spdx_2_3()
    {
        var json = SampleBoms.Write(new SpdxWriter(), SampleBoms.Full());
        SbomSchemas.AssertValidSpdx(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(("SPDX-2.3", "CC0-1.0", "SPDXRef-DOCUMENT"), (root.GetProperty("spdxVersion").GetString(), root.GetProperty("dataLicense").GetString(), root.GetProperty("SPDXID").GetString()));
        Assert.Equal("2026-03-01T10:30:45Z", root.GetProperty("creationInfo").GetProperty("created").GetString());
        Assert.Equal(["Tool: kingsnake-0.1.0"], root.GetProperty("creationInfo").GetProperty("creators").EnumerateArray().Select(c => c.GetString()));
        var ns = root.GetProperty("documentNamespace").GetString()!;
        Assert.True(Uri.IsWellFormedUriString(ns, UriKind.Absolute));
        Assert.DoesNotContain('#', ns);
        Assert.EndsWith("3e671687-395b-41f5-a30f-a58921a69b79", ns, StringComparison.Ordinal);

        // Root + 5 components + 1 nested.
        var ids = root.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("SPDXID").GetString()!).ToList();
        Assert.Equal(7, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^SPDXRef-[A-Za-z0-9.-]+$", id));
        Assert.Contains("SPDXRef-my-app--test--1.0", ids);

        var requests = Package(root, "requests");
        Assert.Equal("Apache-2.0", requests.GetProperty("licenseDeclared").GetString());
        Assert.Equal("NOASSERTION", requests.GetProperty("licenseConcluded").GetString());
        Assert.Equal("Person: Kenneth Reitz (me@kennethreitz.org)", requests.GetProperty("supplier").GetString());
        Assert.Equal("https://files.pythonhosted.org/packages/70/8e/requests-2.31.0-py3-none-any.whl", requests.GetProperty("downloadLocation").GetString());
        Assert.Equal("requests-2.31.0-py3-none-any.whl", requests.GetProperty("packageFileName").GetString());
        Assert.Equal("https://requests.readthedocs.io", requests.GetProperty("homepage").GetString());
        Assert.False(requests.GetProperty("filesAnalyzed").GetBoolean());
        Assert.Equal("LIBRARY", requests.GetProperty("primaryPackagePurpose").GetString());
        var purlRef = requests.GetProperty("externalRefs")[0];
        Assert.Equal(("PACKAGE-MANAGER", "purl", "pkg:pypi/requests@2.31.0"), (purlRef.GetProperty("referenceCategory").GetString(), purlRef.GetProperty("referenceType").GetString(), purlRef.GetProperty("referenceLocator").GetString()));

        Assert.Equal("Organization: pytest-dev team", Package(root, "pytest").GetProperty("supplier").GetString());
        Assert.Equal("NOASSERTION", Package(root, "PySocks").GetProperty("supplier").GetString());
        Assert.Equal(["SHA512", "BLAKE2b-256", "MD5"], Package(root, "PySocks").GetProperty("checksums").EnumerateArray().Select(c => c.GetProperty("algorithm").GetString()));

        // A declared free-text name becomes a LicenseRef with its text; the concluded one is not declared.
        Assert.Equal("LicenseRef-BSD", Package(root, "PySocks").GetProperty("licenseDeclared").GetString());
        var extracted = root.GetProperty("hasExtractedLicensingInfos").EnumerateArray().ToList();
        Assert.Equal(("LicenseRef-BSD", "BSD"), (extracted.Single().GetProperty("licenseId").GetString(), extracted.Single().GetProperty("extractedText").GetString()));
        Assert.Equal("NOASSERTION", Package(root, "charset_normalizer").GetProperty("licenseDeclared").GetString());
        Assert.Equal("unresolved requirement: >=2,<4", Package(root, "charset_normalizer").GetProperty("comment").GetString());
        Assert.Equal("APPLICATION", Package(root, "my_app (test)").GetProperty("primaryPackagePurpose").GetString());
    }

    [Fact]
    public void Relationships_point_the_way_SPDX_defines_them()
    {
        using var document = JsonDocument.Parse(SampleBoms.Write(new SpdxWriter(), SampleBoms.Full()));
        var root = document.RootElement;
        string Id(string name) => Package(root, name).GetProperty("SPDXID").GetString()!;
        var relationships = Relationships(root);
        Assert.Contains(("SPDXRef-DOCUMENT", "DESCRIBES", Id("my_app (test)")), relationships);
        Assert.Contains((Id("my_app (test)"), "DEPENDS_ON", Id("requests")), relationships);
        Assert.Contains((Id("pytest"), "DEV_DEPENDENCY_OF", Id("my_app (test)")), relationships);
        Assert.Contains((Id("PySocks"), "OPTIONAL_DEPENDENCY_OF", Id("requests")), relationships);
        Assert.Contains((Id("requests"), "DEPENDS_ON", Id("charset_normalizer")), relationships);
        Assert.Contains((Id("cryptography"), "CONTAINS", Id("openssl")), relationships);
        Assert.Equal(7, relationships.Count);
    }

    [Fact]
    public void The_schema_check_rejects_unknown_keys_and_missing_required_ones()
    {
        var json = JsonNode.Parse(SampleBoms.Write(new SpdxWriter(), SampleBoms.Full()))!;
        json["packages"]![0]!["scope"] = "required";
        Assert.False(SbomSchemas.ValidateSpdx(json.ToJsonString()).IsValid);

        json = JsonNode.Parse(SampleBoms.Write(new SpdxWriter(), SampleBoms.Full()))!;
        json["packages"]![1]!.AsObject().Remove("downloadLocation");
        Assert.False(SbomSchemas.ValidateSpdx(json.ToJsonString()).IsValid);
    }

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("Apache-2.0 OR BSD-3-Clause", true)]
    [InlineData("(MIT OR Apache-2.0) AND LicenseRef-Proprietary", true)]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0", true)]
    [InlineData("GPL-2.0+", true)]
    [InlineData("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", true)]
    [InlineData("MIT License", false)]
    [InlineData("MIT OR", false)]
    [InlineData("(MIT", false)]
    [InlineData("MIT) OR (BSD", false)]
    [InlineData("MIT/Apache-2.0", false)]
    [InlineData("", false)]
    public void Expression_syntax(string expression, bool valid) => Assert.Equal(valid, Kingsnake.Packaging.Licenses.SpdxExpression.IsValid(expression));

    [Fact]
    public void A_license_expression_that_is_not_spdx_becomes_an_extracted_license()
    {
        var document = SampleBoms.Full();
        document = document with
        {
            Components = [document.Components[0] with { Licenses = [new BomLicense { Expression = "MIT/X11 style" }] }, .. document.Components.Skip(1)],
        };
        var json = SampleBoms.Write(new SpdxWriter(), document);
        SbomSchemas.AssertValidSpdx(json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal("LicenseRef-MIT-X11-style", Package(parsed.RootElement, "requests").GetProperty("licenseDeclared").GetString());
    }

    [Fact]
    public void Ids_are_sanitized_and_unique()
    {
        var ids = new SpdxIds();
        Assert.Equal("SPDXRef-a-b-c", ids.Allocate("SPDXRef-", "a_b c"));
        Assert.Equal("SPDXRef-a-b-c-2", ids.Allocate("SPDXRef-", "a-b-c"));
        Assert.Equal("SPDXRef-x", ids.Allocate("SPDXRef-", ""));
        Assert.Equal("SPDXRef-DOCUMENT-2", ids.Allocate("SPDXRef-", "DOCUMENT"));
        Assert.Matches(new Regex("^[A-Za-z0-9.-]+$"), SpdxIds.Sanitize("Zope Public License (ZPL) 2.1 – ünïcode"));
    }
}
