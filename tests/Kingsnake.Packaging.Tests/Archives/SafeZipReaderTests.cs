using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Archives;

namespace Kingsnake.Packaging.Tests.Archives;

public sealed class SafeZipReaderTests
{
    private static MemoryStream Zip(params (string Name, byte[] Content)[] members)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                using var entryStream = entry.Open();
                entryStream.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Files_leave_out_directories_and_a_selection_comes_sorted_and_reads_back()
    {
        using var zip = SafeZipReader.Open(Zip(
            ("pkg/", []),
            ("pkg/b.py", Text("b = 2\n")),
            ("pkg/a.py", Text("a = 1\n")),
            ("pkg-1.0.dist-info/METADATA", Text("Name: pkg\n"))));
        Assert.Equal(["pkg/b.py", "pkg/a.py", "pkg-1.0.dist-info/METADATA"], zip.Files.Select(m => m.Name));
        var python = zip.Select(m => m.Name.EndsWith(".py", StringComparison.Ordinal));
        Assert.Equal(["pkg/a.py", "pkg/b.py"], python.Select(m => m.Name));
        Assert.Equal("a = 1\n", Encoding.UTF8.GetString(zip.Read(python[0])));
    }

    [Fact]
    public void Opens_a_file_by_path_and_a_non_zip_is_invalid_data()
    {
        var directory = Directory.CreateTempSubdirectory("kingsnake-zip-");
        try
        {
            var good = Path.Combine(directory.FullName, "good.whl");
            File.WriteAllBytes(good, Zip(("x.txt", Text("x"))).ToArray());
            using (var zip = SafeZipReader.Open(good))
            {
                Assert.Equal("x", Encoding.UTF8.GetString(zip.Read(Assert.Single(zip.Files))));
            }

            var corrupt = Path.Combine(directory.FullName, "corrupt.zip");
            File.WriteAllText(corrupt, "PK\u0003\u0004 this is not really a zip");
            Assert.Throws<InvalidDataException>(() => SafeZipReader.Open(corrupt));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Too_many_members_refuse_the_archive_on_opening()
    {
        var members = Enumerable.Range(0, 50).Select(i => ($"m{i}.txt", Text("x"))).ToArray();
        var error = Assert.Throws<ArchiveRejectedException>(() => SafeZipReader.Open(Zip(members), new ArchiveLimits { MaxMembers = 10 }));
        Assert.Equal("archive rejected: 50 members exceed the limit of 10", error.Message);
        Assert.IsAssignableFrom<InputFormatException>(error);
    }

    [Theory]
    [InlineData("../../etc/evil.json")]
    [InlineData("/abs/evil.json")]
    [InlineData("vulns/../../evil.json")]
    [InlineData("pkg\\..\\..\\evil.py")]
    [InlineData("\\server\\share.py")]
    [InlineData("C:evil.py")]
    [InlineData("pkg/evil\0.py")]
    public void A_member_named_outside_the_archive_refuses_it_whatever_is_read(string name)
    {
        var error = Assert.Throws<ArchiveRejectedException>(() => SafeZipReader.Open(Zip(("ok.txt", Text("ok")), (name, Text("evil")))));
        Assert.Contains("escapes the archive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pkg/..data/x.py")]
    [InlineData("pkg/a..b.py")]
    [InlineData("./pkg/x.py")]
    public void Names_with_dots_that_stay_inside_are_accepted(string name)
    {
        using var zip = SafeZipReader.Open(Zip((name, Text("x"))));
        Assert.Equal(name, Assert.Single(zip.Files).Name);
    }

    [Fact]
    public void A_zip_bomb_ratio_refuses_the_selection_before_anything_is_inflated()
    {
        using var zip = SafeZipReader.Open(Zip(("bomb.json", new byte[8 * 1024 * 1024]), ("small.txt", Text("x"))));
        Assert.Single(zip.Select(m => m.Name == "small.txt"));
        var error = Assert.Throws<ArchiveRejectedException>(() => zip.Select(_ => true));
        Assert.Contains("compression ratio over 200:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_sizes_over_the_member_or_total_limit_refuse_the_selection()
    {
        var random = new Random(7);
        var noise = new byte[300_000];
        random.NextBytes(noise); // incompressible: the ratio check does not fire, the size checks must
        using var big = SafeZipReader.Open(Zip(("big.bin", noise)), new ArchiveLimits { MaxMemberBytes = 100_000 });
        Assert.Contains("expands to 300000 bytes, over the 100000-byte limit", Assert.Throws<ArchiveRejectedException>(() => big.Select(_ => true)).Message, StringComparison.Ordinal);

        using var many = SafeZipReader.Open(Zip(("a.bin", noise), ("b.bin", noise)), new ArchiveLimits { MaxExpandedBytes = 500_000 });
        Assert.Contains("members expand to more than 500000 bytes", Assert.Throws<ArchiveRejectedException>(() => many.Select(_ => true)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_keeps_a_running_total_across_members()
    {
        var limits = new ArchiveLimits { MaxExpandedBytes = 100 };
        using var zip = SafeZipReader.Open(Zip(("a.txt", new byte[60]), ("b.txt", new byte[60])), limits);
        Assert.Equal(60, zip.Read(zip.Files[0]).Length);
        var error = Assert.Throws<ArchiveRejectedException>(() => zip.Read(zip.Files[1]));
        Assert.Contains("members expand to more than 100 bytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A member whose headers declare 10 bytes but whose data inflates to 300 KB: the declared size passed the checks
    /// on selection, so what reading yields must stay within it (the runtime stops at the declared size; the bound
    /// while inflating is the second line should it not) or the member is refused as corrupt.
    /// </summary>
    [Fact]
    public void A_member_that_lies_about_its_size_yields_no_more_than_it_declared()
    {
        var content = new byte[300_000];
        new Random(3).NextBytes(content);
        var bytes = Zip(("liar.bin", content)).ToArray();
        PatchUncompressedSize(bytes, 10);
        using var zip = SafeZipReader.Open(new MemoryStream(bytes), new ArchiveLimits { MaxMemberBytes = 100_000 });
        var member = Assert.Single(zip.Select(_ => true));
        Assert.Equal(10, member.DeclaredLength);
        try
        {
            Assert.Equal(content[..10], zip.Read(member));
        }
        catch (InvalidDataException)
        {
            // refused as corrupt: also within bounds
        }
    }

    /// <summary>Rewrites the uncompressed size in every local and central header (one member, no zip64).</summary>
    private static void PatchUncompressedSize(byte[] zip, uint size)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
            }
        }
    }
}
