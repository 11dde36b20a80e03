using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Kingsnake.Packaging.Archives;

namespace Kingsnake.Packaging.Tests.Archives;

public sealed class SafeTarReaderTests
{
    private static MemoryStream Tar(bool gzip, params TarEntry[] entries)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        tar.Position = 0;
        if (!gzip)
        {
            return tar;
        }

        var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            tar.CopyTo(zip);
        }

        compressed.Position = 0;
        return compressed;
    }

    private static PaxTarEntry File(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    private static PaxTarEntry File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    private static PaxTarEntry Link(TarEntryType type, string name, string target) => new(type, name) { LinkName = target };

    private static List<(TarMember Member, string? Text)> ReadAll(Stream stream, ArchiveLimits? limits = null)
    {
        using var reader = SafeTarReader.Open(stream, limits);
        var members = new List<(TarMember, string?)>();
        while (reader.Next() is { } member)
        {
            members.Add((member, member.Kind == TarMemberKind.RegularFile ? Encoding.UTF8.GetString(reader.Read(member)) : null));
        }

        return members;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_sdist_reads_member_by_member_with_links_reported_not_followed(bool gzip)
    {
        var members = ReadAll(Tar(
            gzip,
            new PaxTarEntry(TarEntryType.Directory, "pkg-1.0/"),
            File("pkg-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: pkg\n"),
            File("pkg-1.0/setup.py", "from setuptools import setup\n"),
            Link(TarEntryType.SymbolicLink, "pkg-1.0/docs/readme", "../README.md"),
            Link(TarEntryType.HardLink, "pkg-1.0/copy.py", "pkg-1.0/setup.py")));
        Assert.Equal(
            [
                ("pkg-1.0/", TarMemberKind.Directory, null),
                ("pkg-1.0/PKG-INFO", TarMemberKind.RegularFile, "Metadata-Version: 2.1\nName: pkg\n"),
                ("pkg-1.0/setup.py", TarMemberKind.RegularFile, "from setuptools import setup\n"),
                ("pkg-1.0/docs/readme", TarMemberKind.SymbolicLink, null),
                ("pkg-1.0/copy.py", TarMemberKind.HardLink, null),
            ],
            members.Select(m => (m.Member.Name, m.Member.Kind, m.Text)));
        Assert.Equal("../README.md", members[3].Member.LinkTarget);
    }

    [Theory]
    [InlineData("../evil.py")]
    [InlineData("/etc/evil.py")]
    [InlineData("pkg/../../evil.py")]
    [InlineData("C:evil.py")]
    public void A_member_named_outside_the_archive_refuses_it(string name)
    {
        var error = Assert.Throws<ArchiveRejectedException>(() => ReadAll(Tar(true, File("ok.py", "x"), File(name, "evil"))));
        Assert.Contains("escapes the archive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "pkg/link", "../../etc/passwd")]
    [InlineData(TarEntryType.SymbolicLink, "pkg/link", "/etc/passwd")]
    [InlineData(TarEntryType.HardLink, "pkg/link", "../etc/passwd")]
    public void A_link_out_of_the_archive_refuses_it(TarEntryType type, string name, string target)
    {
        var error = Assert.Throws<ArchiveRejectedException>(() => ReadAll(Tar(true, Link(type, name, target))));
        Assert.Equal($"archive rejected: member '{name}' links to '{target}', outside the archive", error.Message);
    }

    [Fact]
    public void Too_many_members_refuse_the_archive_as_they_are_met()
    {
        var entries = Enumerable.Range(0, 50).Select(i => (TarEntry)File($"m{i}.txt", "x")).ToArray();
        var error = Assert.Throws<ArchiveRejectedException>(() => ReadAll(Tar(true, entries), new ArchiveLimits { MaxMembers = 10 }));
        Assert.Equal("archive rejected: more than 10 members", error.Message);
    }

    [Fact]
    public void A_member_over_the_size_limit_is_refused_when_read()
    {
        var error = Assert.Throws<ArchiveRejectedException>(() => ReadAll(Tar(false, File("big.bin", new byte[300_000])), new ArchiveLimits { MaxMemberBytes = 100_000 }));
        Assert.Contains("expands to 300000 bytes, over the 100000-byte limit", error.Message, StringComparison.Ordinal);
    }

    /// <summary>8 MB of zeros compress about 1000:1: refused as the stream inflates, even for members never read.</summary>
    [Fact]
    public void A_tar_bomb_is_refused_by_its_ratio_while_skipping_members()
    {
        using var reader = SafeTarReader.Open(Tar(true, File("zeros.bin", new byte[8 * 1024 * 1024]), File("after.txt", "x")));
        var error = Assert.Throws<ArchiveRejectedException>(() =>
        {
            while (reader.Next() is not null)
            {
            }
        });
        Assert.Contains("compression ratio over 200:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inflated_bytes_are_bounded_in_total_read_or_skipped()
    {
        var random = new Random(5);
        var noise = new byte[200_000];
        random.NextBytes(noise);
        using var reader = SafeTarReader.Open(Tar(true, File("a.bin", noise), File("b.bin", noise), File("c.txt", "x")), new ArchiveLimits { MaxExpandedBytes = 300_000 });
        var error = Assert.Throws<ArchiveRejectedException>(() =>
        {
            while (reader.Next() is not null)
            {
            }
        });
        Assert.Equal("archive rejected: members expand to more than 300000 bytes", error.Message);
    }
}
