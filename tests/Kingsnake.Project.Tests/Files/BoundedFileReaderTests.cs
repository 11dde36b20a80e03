using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;

namespace Kingsnake.Project.Tests.Files;

public sealed class BoundedFileReaderTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Reads_a_regular_file_whole()
    {
        var text = string.Concat(Enumerable.Repeat("import os\nos.system(cmd)\n", 10_000));
        var path = _tree.File("app.py", text);
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(BoundedFileReader.Read(path)));
        Assert.Equal(EntryKind.Regular, NativeFiles.KindOf(path));
    }

    [Fact]
    public void A_file_exactly_at_the_limit_is_read_and_one_byte_more_is_refused()
    {
        var exact = _tree.File("exact.txt", new string('a', 1000));
        var over = _tree.File("over.txt", new string('a', 1001));
        Assert.Equal(1000, BoundedFileReader.Read(exact, maxBytes: 1000).Length);
        var error = Assert.Throws<InputFormatException>(() => BoundedFileReader.Read(over, maxBytes: 1000));
        Assert.Contains("1,000-byte limit", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        var fifo = _tree.Fifo("x.py");
        Assert.Equal(EntryKind.Fifo, NativeFiles.KindOf(fifo));
        var error = await Assert.ThrowsAsync<EntryRefusedException>(() => Task.Run(() => BoundedFileReader.Read(fifo), TestContext.Current.CancellationToken));
        Assert.Contains("named pipe", error.Message);
    }

    [Fact]
    public void A_device_is_refused_even_though_it_reports_length_zero()
    {
        Assert.Equal(EntryKind.CharacterDevice, NativeFiles.KindOf("/dev/zero"));
        var error = Assert.Throws<EntryRefusedException>(() => BoundedFileReader.Read("/dev/zero"));
        Assert.Contains("character device", error.Message);
    }

    [Fact]
    public void A_link_is_not_followed_even_to_a_regular_file()
    {
        var target = _tree.File("real.toml", "[tool.kingsnake]\n");
        var toDevice = _tree.Link("kingsnake.toml", "/dev/zero");
        var toFile = _tree.Link("pyproject.toml", target);
        Assert.Equal(EntryKind.SymbolicLink, NativeFiles.KindOf(toDevice));
        Assert.Contains("symbolic link", Assert.Throws<EntryRefusedException>(() => BoundedFileReader.Read(toDevice)).Message);
        Assert.Contains("symbolic link", Assert.Throws<EntryRefusedException>(() => BoundedFileReader.Read(toFile)).Message);
    }

    [Fact]
    public void Missing_files_and_directories_are_errors_that_name_no_contents()
    {
        Assert.Equal(EntryKind.Missing, NativeFiles.KindOf(_tree.Full("nope.txt")));
        Assert.Equal("no such file", Assert.Throws<InputFormatException>(() => BoundedFileReader.Read(_tree.Full("nope.txt"))).Message);
        Directory.CreateDirectory(_tree.Full("dir.py"));
        Assert.Equal(EntryKind.Directory, NativeFiles.KindOf(_tree.Full("dir.py")));
        Assert.Contains("directory", Assert.Throws<EntryRefusedException>(() => BoundedFileReader.Read(_tree.Full("dir.py"))).Message);
    }

    [Fact]
    public void A_proc_file_that_reports_length_zero_is_read_by_its_actual_bytes()
    {
        // /proc files report st_size 0 but have contents: the limit holds on what is read, not on the reported size
        var bytes = BoundedFileReader.Read("/proc/self/status");
        Assert.Contains("Name:", System.Text.Encoding.ASCII.GetString(bytes));
        Assert.Throws<InputFormatException>(() => BoundedFileReader.Read("/proc/self/status", maxBytes: 10));
    }
}
