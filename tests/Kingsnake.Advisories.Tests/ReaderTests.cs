using System.Text;
using Kingsnake.Advisories.Reading;
using Kingsnake.Core.Findings;

namespace Kingsnake.Advisories.Tests;

public class ReaderTests
{
    internal const string ValidYaml = """
        id: PYSEC-0000-1
        modified: 2024-02-03T04:05:06Z
        published: 2024-01-01T00:00:00.123456Z
        aliases: [CVE-2024-0001]
        affected:
        - package: {ecosystem: PyPI, name: demo}
          versions: ['1.0']
        """;

    [Fact]
    public void Yaml_timestamps_and_numbers_stay_strings()
    {
        var advisory = OsvRecordParser.ParseYaml("""
            id: PYSEC-0000-1
            modified: 2024-02-03T04:05:06Z
            published: 2024-01-01 00:00:00+00:00
            affected:
            - package: {ecosystem: PyPI, name: demo}
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: 0
                - fixed: 1.10
              versions: [1.0, 01.5, 2.00]
            """);
        Assert.Equal("2024-02-03T04:05:06Z", advisory.Modified);
        Assert.Equal("2024-01-01 00:00:00+00:00", advisory.Published);
        var entry = Assert.Single(advisory.Affected);
        Assert.Equal(["1.0", "01.5", "2.00"], entry.Versions); // a float-typing loader would give 1, 1.5, 2
        Assert.Equal("1.10", entry.Ranges[0].Events[1].Version); // not 1.1
        Assert.True(entry.Affects("1.9"));
        Assert.False(entry.Affects("1.10"));
    }

    [Fact]
    public void Json_record_reads_like_yaml()
    {
        var json = """
            {
              "id": "GHSA-abcd-efgh-ijkl",
              "modified": "2024-02-03T04:05:06Z",
              "aliases": ["CVE-2024-0002", "PYSEC-2024-9"],
              "database_specific": {"severity": "HIGH", "nested": {"x": [1, 2]}},
              "affected": [{
                "package": {"ecosystem": "PyPI", "name": "Demo.Pkg", "purl": "pkg:pypi/demo-pkg"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}],
                "versions": ["1.0"],
                "ecosystem_specific": {"imports": [{"module": "demo"}]}
              }],
              "references": [{"type": "WEB", "url": "https://example.invalid/"}]
            }
            """;
        var advisory = OsvRecordParser.ParseJson(Encoding.UTF8.GetBytes(json), "x.json");
        Assert.Equal("GHSA-abcd-efgh-ijkl", advisory.Id);
        Assert.Equal("HIGH", advisory.DatabaseSeverity);
        Assert.Equal("demo-pkg", advisory.Affected[0].Name);
        Assert.Equal("Demo.Pkg", advisory.Affected[0].RawName);
        Assert.True(advisory.Affects("demo_pkg", "1.5"));
        Assert.Equal("https://example.invalid/", Assert.Single(advisory.References).Url);
    }

    [Theory]
    [InlineData("id: X\nmodified: '2024'\naffected:\n- package: {ecosystem: PyPI, name: demo}\n  ranges:\n  - type: ECOSYSTEM\n    events: [{introduced: '0'}, {fixed: [1, 2]}]\n", 7, "must be strings")]
    [InlineData("id: X\nmodified: '2024'\naffected:\n  package: demo\n", 4, "'affected' must be a list")]
    [InlineData("id: X\naffected: []\n", 1, "missing required field 'modified'")]
    [InlineData("id: X\nmodified: '2024'\nmodified: '2025'\n", 3, "duplicate key 'modified'")]
    [InlineData("id: X\nmodified: '2024'\naffected:\n- package: {ecosystem: PyPI, name: demo}\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - {introduced: '0', fixed: '1'}\n", 8, "exactly one")]
    [InlineData("id: X\nmodified: [unclosed\n", 3, "invalid YAML")]
    [InlineData("id: X\n  modified: bad indent\n", 2, "invalid YAML")]
    [InlineData("- just\n- a list\n", 1, "must be a mapping")]
    [InlineData("---\nid: X\n---\nid: Y\n", 3, "more than one YAML document")]
    public void Malformed_yaml_reports_the_line(string yaml, int line, string message)
    {
        var exception = Assert.Throws<InputFormatException>(() => OsvRecordParser.ParseYaml(Encoding.UTF8.GetBytes(yaml), "bad.yaml"));
        Assert.Equal(line, exception.Line);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Advisories go through the shared YAML loader: an alias bomb (each level ten aliases of the one before) is stopped
    /// by its expansion limit at the first level past a million nodes (f, line 6), with the file's line.
    /// </summary>
    [Fact]
    public void Alias_bomb_is_stopped_by_the_shared_yaml_limits()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 'b'; level <= 'i'; level++)
        {
            yaml += $"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 10))}]\n";
        }

        var exception = Assert.Throws<InputFormatException>(() => OsvRecordParser.ParseYaml(Encoding.UTF8.GetBytes(yaml), "bomb.yaml"));
        Assert.Equal(6, exception.Line);
        Assert.Contains("expands to more than", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"id\": \"X\",\n  \"modified\": \"2024\",\n  \"affected\": [\n    {\"package\": {\"ecosystem\": \"PyPI\", \"name\": 5}, \"versions\": {}}\n  ]\n}", 5, "'versions' must be a list")]
    [InlineData("{\n  \"id\": \"X\",\n  \"modified\": \"2024\"\n  \"aliases\": []\n}", 4, "invalid JSON")]
    [InlineData("{\"id\": \"X\", \"id\": \"Y\", \"modified\": \"1\"}", 1, "duplicate key 'id'")]
    [InlineData("{\n\"id\": null,\n\"modified\": \"1\"}", 2, "'id' must be a non-empty string")]
    [InlineData("", 1, "invalid JSON")]
    public void Malformed_json_reports_the_line(string json, int line, string message)
    {
        var exception = Assert.Throws<InputFormatException>(() => OsvRecordParser.ParseJson(Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.Equal(line, exception.Line);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var deepJson = "{\"id\": \"X\", \"modified\": \"1\", \"database_specific\": " + new string('[', 100_000) + new string(']', 100_000) + "}";
        Assert.Throws<InputFormatException>(() => OsvRecordParser.ParseJson(Encoding.UTF8.GetBytes(deepJson)));
        var deepYaml = "id: X\nmodified: '1'\ndatabase_specific: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var exception = Assert.Throws<InputFormatException>(() => OsvRecordParser.ParseYaml(deepYaml));
        Assert.Equal(3, exception.Line);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("id: X\nmodified: '1'\nsummary: caf").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var exception = Assert.Throws<InputFormatException>(() => OsvRecordParser.ParseYaml(bytes, "x.yaml"));
        Assert.Equal(3, exception.Line);
        Assert.Contains("UTF-8", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_loading_keeps_good_records_reports_bad_ones_and_skips_other_files()
    {
        using var scratch = TestData.Scratch();
        scratch.Write("vulns/demo/PYSEC-0000-1.yaml", ValidYaml);
        scratch.Write("vulns/demo/GHSA-1.json", """{"id": "GHSA-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"}, "versions": ["2.0"]}]}""");
        scratch.Write("vulns/other/PYSEC-0000-2.yml", "id: PYSEC-0000-2\nmodified: '2024'\naffected:\n- package: {ecosystem: PyPI, name: other}\n  versions: 3.0\n");
        scratch.Write("vulns/other/PYSEC-0000-3.yaml", "id: PYSEC-0000-3\nmodified: '2024'\nwithdrawn: '2024-05-05T00:00:00Z'\naffected: []\n");
        scratch.Write("vulns/other/NPM-1.json", """{"id": "NPM-1", "modified": "1", "affected": [{"package": {"ecosystem": "npm", "name": "x"}}]}""");
        scratch.Write("vulns/.id-allocator", "deadbeef");
        scratch.Write("vulns/README.md", "# not a record");

        var result = AdvisoryLoader.Load(Path.Combine(scratch.Path, "vulns"));
        Assert.Equal(5, result.RecordFileCount);
        Assert.Equal(["GHSA-1", "PYSEC-0000-1"], result.Advisories.Select(a => a.Id));
        Assert.Equal(["PYSEC-0000-3"], result.WithdrawnIds);
        Assert.Equal(1, result.NotPyPICount);
        var error = Assert.Single(result.Errors);
        Assert.EndsWith("PYSEC-0000-2.yml", error.Location.Path, StringComparison.Ordinal);
        Assert.Equal(5, error.Location.StartLine);
        Assert.Contains("'versions' must be a list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_source_is_an_error()
    {
        var result = AdvisoryLoader.Load("/nonexistent/kingsnake/advisories");
        Assert.Empty(result.Advisories);
        Assert.Contains("not found", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
