using System.Text.Json;
using System.Text.Json.Nodes;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Reporting.Tests.Sbom;

public sealed class CycloneDxWriterTests
{
    [Theory]
    [InlineData(CycloneDxVersion.V1_6, "1.6")]
    [InlineData(CycloneDxVersion.V1_7, "1.7")]
    public void Full_document_is_valid_against_the_official_schema(CycloneDxVersion version, string specVersion)
    {
        var json = SampleBoms.Write(new CycloneDxWriter(version), SampleBoms.Full());
        SbomSchemas.AssertValidCycloneDx(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(specVersion, root.GetProperty("specVersion").GetString());
        Assert.Equal("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", root.GetProperty("serialNumber").GetString());
        var metadata = root.GetProperty("metadata");
        Assert.Equal("2026-03-01T10:30:45Z", metadata.GetProperty("timestamp").GetString()); // 12:30:45+02:00 in UTC
        Assert.Equal("pre-build", metadata.GetProperty("lifecycles")[0].GetProperty("phase").GetString());
        var tool = metadata.GetProperty("tools").GetProperty("components")[0];
        Assert.Equal(("kingsnake", "0.1.0"), (tool.GetProperty("name").GetString(), tool.GetProperty("version").GetString()));
        Assert.Equal("pkg:pypi/my-app@1.0", metadata.GetProperty("component").GetProperty("bom-ref").GetString());
        Assert.Equal(5, root.GetProperty("components").GetArrayLength());
        Assert.Equal(6, root.GetProperty("dependencies").GetArrayLength());
        Assert.Equal("incomplete", root.GetProperty("compositions")[0].GetProperty("aggregate").GetString());
        Assert.Equal(["excluded", "optional"], root.GetProperty("components").EnumerateArray().Skip(1).Take(2).Select(c => c.GetProperty("scope").GetString()));
        var unresolved = root.GetProperty("components")[3];
        Assert.False(unresolved.TryGetProperty("version", out _));
        Assert.Equal(">=2,<4", unresolved.GetProperty("properties")[0].GetProperty("value").GetString());
        Assert.Equal("openssl", root.GetProperty("components")[4].GetProperty("components")[0].GetProperty("name").GetString());
        var vulnerability = root.GetProperty("vulnerabilities")[0];
        Assert.Equal("not_affected", vulnerability.GetProperty("analysis").GetProperty("state").GetString());
        Assert.Equal(["affected", "unaffected"], vulnerability.GetProperty("affects")[0].GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
    }

    [Fact]
    public void Licenses_in_1_6_are_one_expression_or_a_list_and_in_1_7_may_mix()
    {
        var v16 = JsonNode.Parse(SampleBoms.Write(new CycloneDxWriter(CycloneDxVersion.V1_6), SampleBoms.Full()))!;
        var v17 = JsonNode.Parse(SampleBoms.Write(new CycloneDxWriter(CycloneDxVersion.V1_7), SampleBoms.Full()))!;

        // requests: expression + name. 1.6 keeps the expression alone; 1.7 both.
        var requests16 = v16["components"]![0]!["licenses"]!.AsArray();
        Assert.Equal("""[{"expression":"Apache-2.0","acknowledgement":"declared"}]""", requests16.ToJsonString());
        var requests17 = v17["components"]![0]!["licenses"]!.AsArray();
        Assert.Equal(2, requests17.Count);
        Assert.Equal("Apache 2.0", requests17[1]!["license"]!["name"]!.GetValue<string>());

        // PySocks: two names, one concluded.
        Assert.Equal(
            """[{"license":{"name":"BSD","acknowledgement":"declared"}},{"license":{"name":"Some (odd) license","acknowledgement":"concluded"}}]""",
            v16["components"]![2]!["licenses"]!.ToJsonString());
        Assert.Equal("MIT", v16["components"]![1]!["licenses"]![0]!["license"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void The_same_document_gives_the_same_bytes()
    {
        var first = SampleBoms.Write(new CycloneDxWriter(), SampleBoms.Full());
        var second = SampleBoms.Write(new CycloneDxWriter(), SampleBoms.Full());
        Assert.Equal(first, second);
        Assert.StartsWith("{\n  \"$schema\": \"http://cyclonedx.org/schema/bom-1.6.schema.json\",\n  \"bomFormat\": \"CycloneDX\",", first, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_check_rejects_what_the_schema_forbids()
    {
        // The validator itself must be able to fail: a bad hash length, a bad email and a bad scope are each rejected.
        var json = JsonNode.Parse(SampleBoms.Write(new CycloneDxWriter(), SampleBoms.Full()))!;
        json["components"]![0]!["hashes"]![0]!["content"] = "abc";
        Assert.False(SbomSchemas.ValidateCycloneDx(json.ToJsonString()).IsValid);

        json = JsonNode.Parse(SampleBoms.Write(new CycloneDxWriter(CycloneDxVersion.V1_7), SampleBoms.Full()))!;
        json["components"]![0]!["authors"]![0]!["email"] = "not an email";
        Assert.False(SbomSchemas.ValidateCycloneDx(json.ToJsonString()).IsValid);

        json = JsonNode.Parse(SampleBoms.Write(new CycloneDxWriter(), SampleBoms.Full()))!;
        json["components"]![1]!["scope"] = "dev";
        Assert.False(SbomSchemas.ValidateCycloneDx(json.ToJsonString()).IsValid);

        // 1.6 forbids an expression beside a license object.
        json = JsonNode.Parse(SampleBoms.Write(new CycloneDxWriter(CycloneDxVersion.V1_7), SampleBoms.Full()))!;
        json["specVersion"] = "1.6";
        json["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json";
        json.AsObject().Remove("vulnerabilities");
        Assert.False(SbomSchemas.ValidateCycloneDx(json.ToJsonString()).IsValid);
    }

    [Fact]
    public void Minimal_document_is_valid()
    {
        var document = new BomDocument
        {
            SerialNumber = Guid.Empty,
            Timestamp = DateTimeOffset.UnixEpoch,
            ToolName = "kingsnake",
            ToolVersion = "0.1.0",
            Root = new BomComponent { Ref = "environment:site-packages", Type = "application", Name = "site-packages" },
            Dependencies = [new BomDependency("environment:site-packages", [])],
            Completeness = BomCompleteness.Complete,
            Lifecycle = BomLifecycle.Operations,
        };
        foreach (var version in (CycloneDxVersion[])[CycloneDxVersion.V1_6, CycloneDxVersion.V1_7])
        {
            var json = SampleBoms.Write(new CycloneDxWriter(version), document);
            SbomSchemas.AssertValidCycloneDx(json);
            Assert.Contains("\"timestamp\": \"1970-01-01T00:00:00Z\"", json, StringComparison.Ordinal);
        }
    }
}
