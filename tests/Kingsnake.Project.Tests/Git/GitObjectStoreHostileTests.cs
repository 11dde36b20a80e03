using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;
using Kingsnake.Project.Git;

namespace Kingsnake.Project.Tests.Git;

/// <summary>
/// Packs, indexes and loose objects that lie: each is refused with a clear input error (or read as missing), quickly,
/// without a crash, a hang, unbounded memory or a read outside the object directory.
/// </summary>
public sealed class GitObjectStoreHostileTests : IDisposable
{
    private readonly TempTree _tree = new();

    public GitObjectStoreHostileTests() => Objects = _tree.Full("objects");

    private string Objects { get; }

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_hand_built_pack_with_offset_and_reference_deltas_reads_back(bool largeOffsets)
    {
        var builder = new PackBuilder();
        var baseBody = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 100)));
        var baseId = builder.Add(GitObjectType.Blob, baseBody);
        builder.AddRaw(PackBuilder.IdOf(GitObjectType.Blob, [1]), 3, 1, [1]); // an unrelated whole object between

        byte[] second = [.. baseBody.AsSpan(0, 500), .. "-inserted-"u8, .. baseBody.AsSpan(500)];
        var secondId = PackBuilder.IdOf(GitObjectType.Blob, second);
        var delta = PackBuilder.Delta(baseBody.Length, second.Length, PackBuilder.Copy(0, 500), PackBuilder.Insert("-inserted-"u8.ToArray()), PackBuilder.Copy(500, 500));
        var secondOffset = builder.AddRaw(secondId, 7, delta.Length, delta, baseId: baseId);

        byte[] third = [.. second.AsSpan(0, 10), .. "!"u8];
        var thirdId = PackBuilder.IdOf(GitObjectType.Blob, third);
        var thirdDelta = PackBuilder.Delta(second.Length, third.Length, PackBuilder.Copy(0, 10), PackBuilder.Insert("!"u8.ToArray()));
        builder.AddRaw(thirdId, 6, thirdDelta.Length, thirdDelta, baseOffset: secondOffset);
        builder.Write(Objects, largeOffsets);

        using var store = GitObjectStore.Open(Objects);
        Assert.Equal(baseBody, store.ReadBlob(PackBuilder.Text(baseId)));
        Assert.Equal(second, store.ReadBlob(PackBuilder.Text(secondId)));
        Assert.Equal(third, store.ReadBlob(PackBuilder.Text(thirdId)));
        Assert.Null(store.Read(new string('0', 40)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_delta_claiming_a_huge_result_is_refused_before_anything_is_allocated()
    {
        var builder = new PackBuilder();
        var baseId = builder.Add(GitObjectType.Blob, [1, 2, 3]);
        var delta = PackBuilder.Delta(3, 1L << 40, PackBuilder.Copy(0, 3));
        var id = PackBuilder.IdOf(GitObjectType.Blob, [9]);
        builder.AddRaw(id, 7, delta.Length, delta, baseId: baseId);
        builder.Write(Objects);
        var error = await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken);
        Assert.Contains("1,099,511,627,776-byte result, over the 33,554,432-byte limit", error.Message);
        Assert.Contains("pack-test.pack: entry at offset", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_entry_declaring_a_huge_size_is_refused()
    {
        var builder = new PackBuilder();
        var id = PackBuilder.IdOf(GitObjectType.Blob, [9]);
        builder.AddRaw(id, 3, 1L << 40, [9]);
        builder.Write(Objects);
        Assert.Contains("declares 1,099,511,627,776 bytes, over the", (await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken)).Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_compression_bomb_stops_at_the_declared_size()
    {
        var builder = new PackBuilder();
        var id = PackBuilder.IdOf(GitObjectType.Blob, [0]);
        builder.AddRaw(id, 3, 10, new byte[200 * 1024 * 1024]); // 200 MiB of zeros, about 200 KiB compressed
        builder.Write(Objects);
        Assert.Contains("inflates to more than the 10 bytes it declares", (await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken)).Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_entry_shorter_than_it_declares_is_an_error()
    {
        var builder = new PackBuilder();
        var id = PackBuilder.IdOf(GitObjectType.Blob, [0]);
        builder.AddRaw(id, 3, 100, [1, 2, 3]);
        builder.Write(Objects);
        Assert.Contains("inflates to less than the 100 bytes it declares", (await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken)).Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reference_delta_cycle_ends_at_the_depth_limit()
    {
        var builder = new PackBuilder();
        var first = PackBuilder.IdOf(GitObjectType.Blob, [1]);
        var second = PackBuilder.IdOf(GitObjectType.Blob, [2]);
        var delta = PackBuilder.Delta(1, 1, PackBuilder.Copy(0, 1));
        builder.AddRaw(first, 7, delta.Length, delta, baseId: second);
        builder.AddRaw(second, 7, delta.Length, delta, baseId: first);
        builder.Write(Objects);
        Assert.Contains("delta chain is longer than 250 (or loops)", (await ReadFails<InputFormatException>(PackBuilder.Text(first), TestContext.Current.CancellationToken)).Message);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(200, true)]
    [InlineData(300, false)]
    public async Task Offset_delta_chains_are_followed_up_to_the_depth_limit(int depth, bool readable)
    {
        var builder = new PackBuilder();
        byte[] body = [.. Enumerable.Repeat((byte)'a', 4096)];
        builder.Add(GitObjectType.Blob, body);
        var previous = builder.AddRaw(PackBuilder.IdOf(GitObjectType.Blob, body), 3, body.Length, body);
        byte[] lastId = [];
        for (var link = 1; link <= depth; link++)
        {
            byte[] next = [.. body, (byte)'0', .. Encoding.ASCII.GetBytes(link.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            var delta = PackBuilder.Delta(body.Length, next.Length, PackBuilder.Copy(0, (uint)body.Length), PackBuilder.Insert(next[body.Length..]));
            lastId = PackBuilder.IdOf(GitObjectType.Blob, next);
            previous = builder.AddRaw(lastId, 6, delta.Length, delta, baseOffset: previous);
            body = next;
        }

        builder.Write(Objects);
        if (readable)
        {
            using var store = GitObjectStore.Open(Objects);
            Assert.Equal(body, store.ReadBlob(PackBuilder.Text(lastId)));
        }
        else
        {
            Assert.Contains("delta chain is longer than 250", (await ReadFails<InputFormatException>(PackBuilder.Text(lastId), TestContext.Current.CancellationToken)).Message);
        }
    }

    [Theory]
    [InlineData("copies outside its base", 10u, 3u, 13L, 3L)]
    [InlineData("result is 3 bytes, not the 5 it declares", 0u, 3u, 5L, 3L)]
    [InlineData("expects a 4-byte base, but its base is 3 bytes", 0u, 3u, 3L, 4L)]
    public async Task A_delta_that_lies_about_its_base_or_result_is_an_error(string message, uint copyOffset, uint copyLength, long resultSize, long baseSize)
    {
        var builder = new PackBuilder();
        var baseId = builder.Add(GitObjectType.Blob, [1, 2, 3]);
        var delta = PackBuilder.Delta(baseSize, resultSize, PackBuilder.Copy(copyOffset, copyLength));
        var id = PackBuilder.IdOf(GitObjectType.Blob, [7]);
        builder.AddRaw(id, 7, delta.Length, delta, baseId: baseId);
        builder.Write(Objects);
        Assert.Contains(message, (await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken)).Message);
    }

    [Fact]
    public async Task An_index_that_lies_about_offsets_is_an_error_not_a_read_past_the_pack()
    {
        var builder = new PackBuilder();
        var id = builder.Add(GitObjectType.Blob, "hello"u8.ToArray());
        builder.Write(Objects, offsetOf: _ => 1L << 40);
        Assert.Contains("the offset lies outside the pack's entries", (await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken)).Message);

        builder.Write(Objects, largeOffsets: true, offsetOf: _ => 5); // inside the pack's own header
        Assert.Contains("outside the pack's entries", (await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken)).Message);

        builder.Write(Objects, offsetOf: offset => offset + 1); // into the middle of the entry: garbage, refused as such
        await ReadFails<InputFormatException>(PackBuilder.Text(id), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_index_whose_count_or_layout_is_wrong_is_refused_when_the_store_opens()
    {
        var builder = new PackBuilder();
        builder.Add(GitObjectType.Blob, "hello"u8.ToArray());
        builder.Write(Objects, countInPack: 2);
        Assert.Contains("the pack holds 2 objects but its index lists 1", Assert.Throws<InputFormatException>(() => GitObjectStore.Open(Objects)).Message);

        builder.Write(Objects);
        var index = Path.Combine(Objects, "pack", "pack-test.idx");
        File.WriteAllBytes(index, File.ReadAllBytes(index)[..^7]);
        Assert.Contains("does not fit the 1 objects it counts", Assert.Throws<InputFormatException>(() => GitObjectStore.Open(Objects)).Message);

        File.WriteAllBytes(index, new byte[2000]);
        Assert.Contains("not a version 2 pack index", Assert.Throws<InputFormatException>(() => GitObjectStore.Open(Objects)).Message);

        builder.Write(Objects, largeOffsets: true);
        var bytes = File.ReadAllBytes(index);
        bytes[8 + 1024 + 20 + 4 + 3] = 5; // the entry's 64-bit offset slot: the 6th, where the table holds one
        File.WriteAllBytes(index, bytes);
        using var store = GitObjectStore.Open(Objects);
        Assert.Contains("names 64-bit offset 5, but holds only 1", Assert.Throws<InputFormatException>(() => store.Read(PackBuilder.Text(PackBuilder.IdOf(GitObjectType.Blob, "hello"u8.ToArray())))).Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_pack_that_is_a_fifo_or_a_link_is_refused_without_waiting()
    {
        var builder = new PackBuilder();
        builder.Add(GitObjectType.Blob, "hello"u8.ToArray());
        builder.Write(Objects);
        var pack = Path.Combine(Objects, "pack", "pack-test.pack");
        File.Delete(pack);
        _tree.Fifo("objects/pack/pack-test.pack");
        var error = await Assert.ThrowsAsync<EntryRefusedException>(() => Task.Run(() => GitObjectStore.Open(Objects), TestContext.Current.CancellationToken));
        Assert.Contains("pack-test.pack: not read: it is a named pipe", error.Message);

        File.Delete(pack);
        _tree.Link("objects/pack/pack-test.pack", "/dev/zero");
        Assert.Contains("symbolic link", Assert.Throws<EntryRefusedException>(() => GitObjectStore.Open(Objects)).Message);

        var index = Path.Combine(Objects, "pack", "pack-test.idx");
        File.Delete(index);
        _tree.Fifo("objects/pack/pack-test.idx");
        error = await Assert.ThrowsAsync<EntryRefusedException>(() => Task.Run(() => GitObjectStore.Open(Objects), TestContext.Current.CancellationToken));
        Assert.Contains("pack-test.idx: not read: it is a named pipe", error.Message);

        // the pack directory itself swapped for a link to another repository's packs
        Directory.Move(Path.Combine(Objects, "pack"), _tree.Full("elsewhere"));
        _tree.Link("objects/pack", _tree.Full("elsewhere"));
        Assert.Contains("objects/pack is a symbolic link; not read", Assert.Throws<EntryRefusedException>(() => GitObjectStore.Open(Objects)).Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Loose_objects_that_are_fifos_links_or_bombs_are_refused()
    {
        Directory.CreateDirectory(Objects);
        var fifo = "1111111111111111111111111111111111111111";
        _tree.Fifo($"objects/11/{fifo[2..]}");
        Assert.Contains($"loose object {fifo}: not read: it is a named pipe", (await ReadFails<EntryRefusedException>(fifo, TestContext.Current.CancellationToken)).Message);

        var zero = "2222222222222222222222222222222222222222";
        _tree.Link($"objects/22/{zero[2..]}", "/dev/zero");
        Assert.Contains("symbolic link", (await ReadFails<EntryRefusedException>(zero, TestContext.Current.CancellationToken)).Message);

        var linkedDirectory = "3333333333333333333333333333333333333333";
        _tree.Link("objects/33", _tree.Full("elsewhere"));
        Assert.Contains("objects/33 is a symbolic link, not a directory", (await ReadFails<EntryRefusedException>(linkedDirectory, TestContext.Current.CancellationToken)).Message);

        var bomb = "4444444444444444444444444444444444444444";
        WriteLoose(bomb, [.. "blob 5\0"u8, .. new byte[100 * 1024 * 1024]]);
        Assert.Contains("inflates to more than the 5 bytes it declares", (await ReadFails<InputFormatException>(bomb, TestContext.Current.CancellationToken)).Message);

        var huge = "5555555555555555555555555555555555555555";
        WriteLoose(huge, [.. "blob 99999999999999999999\0"u8, 1]);
        Assert.Contains("malformed or oversized size", (await ReadFails<InputFormatException>(huge, TestContext.Current.CancellationToken)).Message);

        var short_ = "6666666666666666666666666666666666666666";
        WriteLoose(short_, [.. "commit 500\0tree "u8]);
        Assert.Contains("damaged (shorter than it declares)", (await ReadFails<InputFormatException>(short_, TestContext.Current.CancellationToken)).Message);

        var notZlib = "7777777777777777777777777777777777777777";
        _tree.File($"objects/77/{notZlib[2..]}", "this is not zlib data at all");
        Assert.Contains("damaged (not zlib data)", (await ReadFails<InputFormatException>(notZlib, TestContext.Current.CancellationToken)).Message);

        var noHeader = "8888888888888888888888888888888888888888";
        WriteLoose(noHeader, [.. Enumerable.Repeat((byte)'x', 100)]);
        Assert.Contains("has no 'type size' header", (await ReadFails<InputFormatException>(noHeader, TestContext.Current.CancellationToken)).Message);

        var wrongType = "9999999999999999999999999999999999999999";
        WriteLoose(wrongType, [.. "blob 3\0abc"u8]);
        using var reader = GitObjectStore.Open(Objects);
        Assert.Equal("abc"u8.ToArray(), reader.ReadBlob(wrongType));
        Assert.Contains("is a blob, not a commit", Assert.Throws<InputFormatException>(() => reader.ReadCommit(wrongType)).Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Damaged_commits_and_trees_are_errors_with_the_object_named()
    {
        Directory.CreateDirectory(Objects);
        var noTree = WriteLoose(GitObjectType.Commit, "author A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nmsg\n");
        var badTree = WriteLoose(GitObjectType.Tree, "100644 name-without-id\0abc");
        var dotDot = WriteLoose(GitObjectType.Tree, "40000 ..\0" + new string('\u0001', 20));
        using (var loose = GitObjectStore.Open(Objects))
        {
            Assert.Contains($"commit {noTree}: no tree line", Assert.Throws<InputFormatException>(() => loose.ReadCommit(noTree)).Message);
            Assert.Contains($"tree {badTree} is damaged", Assert.Throws<InputFormatException>(() => loose.ReadTree(badTree)).Message);
            Assert.Contains("has an entry named '..'", Assert.Throws<InputFormatException>(() => loose.ReadTree(dotDot)).Message);
        }

        // a tree that names itself (as a lying index can make one): the listing ends at the depth limit
        var builder = new PackBuilder();
        var selfId = Enumerable.Repeat((byte)0xAB, 20).ToArray();
        byte[] tree = [.. "40000 d\0"u8, .. selfId];
        builder.AddRaw(selfId, 2, tree.Length, tree);
        builder.Write(Objects);
        using var store = GitObjectStore.Open(Objects);
        var error = await Assert.ThrowsAsync<InputFormatException>(() => Task.Run(() => store.ListFiles(PackBuilder.Text(selfId)), TestContext.Current.CancellationToken));
        Assert.Contains("nests more than 128 levels deep", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task Random_damage_to_a_real_pack_and_index_is_always_an_input_error()
    {
        var work = _tree.Full("work");
        Directory.CreateDirectory(work);
        GitCli.Run(work, "init", "--quiet", "-b", "main");
        for (var i = 0; i < 12; i++)
        {
            _tree.File($"work/file.txt", string.Concat(Enumerable.Range(0, 200).Select(line => $"line {line} {(line == i * 3 ? "changed " + i : "")}\n")));
            GitCli.Run(work, "add", "-A");
            GitCli.Run(work, "commit", "--quiet", "-m", $"commit {i}");
        }

        GitCli.Run(work, "tag", "-a", "v1", "-m", "tag");
        GitCli.Run(work, "repack", "-adf", "--quiet");
        var packDirectory = Path.Combine(work, ".git", "objects", "pack");
        var packPath = Directory.GetFiles(packDirectory, "*.pack").Single();
        var indexPath = Path.ChangeExtension(packPath, ".idx");
        var pack = File.ReadAllBytes(packPath);
        var index = File.ReadAllBytes(indexPath);
        var head = GitRepository.Open(work)!.HeadCommit()!;
        var random = new Random(20261206);
        var failures = 0;
        await Task.Run(
            () =>
            {
                for (var round = 0; round < 300; round++)
                {
                    var damagedPack = (byte[])pack.Clone();
                    var damagedIndex = (byte[])index.Clone();
                    var target = round % 3 == 0 ? damagedIndex : damagedPack;
                    for (var flips = random.Next(1, 8); flips > 0; flips--)
                    {
                        target[random.Next(target == damagedIndex ? 0 : 12, target.Length)] = (byte)random.Next(256);
                    }

                    File.WriteAllBytes(packPath, round % 7 == 0 ? damagedPack[..random.Next(12, damagedPack.Length)] : damagedPack);
                    File.WriteAllBytes(indexPath, damagedIndex);
                    try
                    {
                        using var store = GitObjectStore.Open(Path.Combine(work, ".git", "objects"));
                        foreach (var commit in GitHistory.Walk(store, head, 100))
                        {
                            store.ListFiles(commit.Id);
                        }
                    }
                    catch (InputFormatException)
                    {
                        failures++;
                    }
                }
            },
            TestContext.Current.CancellationToken);
        Assert.InRange(failures, 50, 300); // most damage is noticed; none of it is anything but an input error
    }

    private string WriteLoose(GitObjectType type, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var id = PackBuilder.Text(PackBuilder.IdOf(type, bytes));
        WriteLoose(id, [.. Encoding.ASCII.GetBytes($"{type.ToString().ToLowerInvariant()} {bytes.Length}\0"), .. bytes]);
        return id;
    }

    private void WriteLoose(string id, byte[] inflated)
    {
        var path = _tree.Full($"objects/{id[..2]}/{id[2..]}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, PackBuilder.Compress(inflated));
    }

    private async Task<T> ReadFails<T>(string id, CancellationToken cancellation)
        where T : Exception
    {
        using var store = GitObjectStore.Open(Objects);
        var error = await Assert.ThrowsAnyAsync<T>(() => Task.Run(() => store.Read(id), cancellation));
        Assert.True(error is InputFormatException, $"{error.GetType().Name}: {error.Message}");
        return error;
    }
}
