using System.Text;
using Kingsnake.Core.Output;

namespace Kingsnake.Core.Tests;

/// <summary>Reports and baselines are replaced whole or not at all.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kingsnake-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Replaces_an_existing_report_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_directory, "report.json");
        File.WriteAllText(path, "{\"old\": true}\n");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("{\"new\": true}\n"));
        Assert.Equal("{\"new\": true}\n", File.ReadAllText(path));
        Assert.Equal(["report.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_old_report_whole()
    {
        var path = Path.Combine(_directory, "report.sarif");
        File.WriteAllText(path, "the previous report\n");
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{\"runs\": ["u8);
            throw new IOException("No space left on device");
        }));
        Assert.Contains("No space left", error.Message, StringComparison.Ordinal);
        Assert.Equal("the previous report\n", File.ReadAllText(path));
        Assert.Equal(["report.sarif"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_link_keeps_pointing_at_the_rewritten_file()
    {
        var target = Path.Combine(_directory, "reports", "latest.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "old\n");
        var link = Path.Combine(_directory, "report.json");
        File.CreateSymbolicLink(link, target);

        AtomicFile.Write(link, "new\n"u8.ToArray());

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new\n", File.ReadAllText(target));
    }

    [Fact]
    public void A_missing_directory_is_an_error_not_a_created_file()
    {
        var path = Path.Combine(_directory, "missing", "baseline.json");
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, "{}"u8.ToArray()));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void A_device_is_written_in_place_not_replaced()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix devices");
        AtomicFile.Write("/dev/null", "discarded\n"u8.ToArray());
        Assert.Throws<IOException>(() => AtomicFile.Write("/dev/full", "no room\n"u8.ToArray()));
        Assert.True(File.Exists("/dev/full"));
    }
}
