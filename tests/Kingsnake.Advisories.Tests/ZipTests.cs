using System.IO.Compression;
using System.Text;
using Kingsnake.Advisories.Reading;

namespace Kingsnake.Advisories.Tests;

public class ZipTests
{
    internal static string Record(string id, string package, params string[] versions) =>
        $$"""{"id": "{{id}}", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "{{package}}"}, "versions": [{{string.Join(", ", versions.Select(v => $"\"{v}\""))}}]}]}""";

    internal static void WriteZip(string path, IEnumerable<(string Name, byte[] Content)> members)
    {
        using var stream = File.Create(path);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (name, content) in members)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
            using var entryStream = entry.Open();
            entryStream.Write(content);
        }
    }

    [Fact]
    public void Osv_export_zip_loads_json_members()
    {
        using var scratch = TestData.Scratch();
        var zip = Path.Combine(scratch.Path, "all.zip");
        WriteZip(zip, [
            ("PYSEC-2024-1.json", Encoding.UTF8.GetBytes(Record("PYSEC-2024-1", "demo", "1.0"))),
            ("GHSA-xxxx-yyyy-zzzz.json", Encoding.UTF8.GetBytes(Record("GHSA-xxxx-yyyy-zzzz", "other", "2.0"))),
            ("broken.json", "{\n  \"id\": \"B\",\n  \"modified\": 7,\n  \"affected\": true\n}"u8.ToArray()),
            ("notes.txt", "ignored"u8.ToArray()),
        ]);
        var result = AdvisoryLoader.Load(zip);
        Assert.Equal(["GHSA-xxxx-yyyy-zzzz", "PYSEC-2024-1"], result.Advisories.Select(a => a.Id).Order(StringComparer.Ordinal));
        var error = Assert.Single(result.Errors);
        Assert.Equal(zip + "!/broken.json", error.Location.Path);
        Assert.Equal(4, error.Location.StartLine);
    }

    [Fact]
    public void Too_many_members_rejects_the_archive()
    {
        using var scratch = TestData.Scratch();
        var zip = Path.Combine(scratch.Path, "many.zip");
        WriteZip(zip, Enumerable.Range(0, 50).Select(i => ($"R-{i}.json", Encoding.UTF8.GetBytes(Record($"R-{i}", "demo", "1.0")))));
        var result = AdvisoryLoader.Load(zip, new AdvisoryLoadOptions { MaxArchiveMembers = 10 });
        Assert.Empty(result.Advisories);
        Assert.Contains("50 members exceed the limit of 10", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_bomb_ratio_rejects_the_archive()
    {
        using var scratch = TestData.Scratch();
        var zip = Path.Combine(scratch.Path, "bomb.zip");
        WriteZip(zip, [("bomb.json", new byte[8 * 1024 * 1024])]); // 8 MB of zeros compress about 1000:1
        var result = AdvisoryLoader.Load(zip);
        Assert.Empty(result.Advisories);
        var error = Assert.Single(result.Errors);
        Assert.Equal(zip, error.Location.Path);
        Assert.Contains("compression ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_over_the_size_limit_rejects_the_archive()
    {
        using var scratch = TestData.Scratch();
        var zip = Path.Combine(scratch.Path, "big.zip");
        var random = new Random(7);
        var content = new byte[300_000];
        random.NextBytes(content); // incompressible: the ratio check does not fire, the size check must
        WriteZip(zip, [("big.json", content)]);
        var result = AdvisoryLoader.Load(zip, new AdvisoryLoadOptions { MaxRecordBytes = 100_000 });
        Assert.Contains("over the 100000-byte limit", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/evil.json")]
    [InlineData("/abs/evil.json")]
    [InlineData("vulns/../../evil.json")]
    public void Path_traversal_member_names_reject_the_archive(string name)
    {
        using var scratch = TestData.Scratch();
        var zip = Path.Combine(scratch.Path, "traversal.zip");
        WriteZip(zip, [("ok.json", Encoding.UTF8.GetBytes(Record("OK-1", "demo", "1.0"))), (name, Encoding.UTF8.GetBytes(Record("EVIL-1", "demo", "1.0")))]);
        var result = AdvisoryLoader.Load(zip);
        Assert.Empty(result.Advisories);
        Assert.Contains("escapes the archive", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_zip_is_an_error_not_a_crash()
    {
        using var scratch = TestData.Scratch();
        var zip = scratch.Write("corrupt.zip", "PK\u0003\u0004 this is not really a zip");
        var result = AdvisoryLoader.Load(zip);
        Assert.Empty(result.Advisories);
        Assert.Contains("zip", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
