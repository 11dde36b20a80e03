using System.Diagnostics;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Git;

namespace Kingsnake.Project.Tests.Git;

/// <summary>The repository-level history API: what it refuses (SHA-256, damage), what it does not follow (alternates), and the repository the tests run in.</summary>
public sealed class GitRepositoryHistoryTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Alternates_are_never_followed_so_objects_only_there_are_missing()
    {
        var origin = Commits("origin", 3);
        var borrower = _tree.Full("borrower");
        GitCli.Run(_tree.Root, "clone", "--quiet", "--shared", origin, borrower);
        Assert.Contains(origin, File.ReadAllText(Path.Combine(borrower, ".git", "objects", "info", "alternates")), StringComparison.Ordinal);
        Assert.Equal("3", GitCli.Run(borrower, "rev-list", "--count", "HEAD").Trim()); // git reads the other repository's objects

        var repository = GitRepository.Open(borrower)!;
        using var objects = repository.OpenObjects();
        Assert.True(objects.HasAlternates);
        Assert.Null(objects.Read(repository.HeadCommit()!));
        Assert.Empty(repository.History(maxCount: 100));
    }

    [Fact]
    public void A_sha256_repository_is_refused_as_unsupported_not_misread()
    {
        var work = _tree.Full("sha256");
        Directory.CreateDirectory(work);
        GitCli.Run(work, "init", "--quiet", "--object-format=sha256");
        _tree.File("sha256/a.txt", "a\n");
        GitCli.Run(work, "add", "-A");
        GitCli.Run(work, "commit", "--quiet", "-m", "one");
        var repository = GitRepository.Open(work)!;
        Assert.Equal("sha256", repository.ObjectFormat());
        Assert.Contains("uses sha256 object ids; only SHA-1 repositories are read", Assert.Throws<InputFormatException>(() => repository.OpenObjects()).Message);
        Assert.Contains("only SHA-1", Assert.Throws<InputFormatException>(() => repository.History(maxCount: 10)).Message);
        Assert.Empty(repository.Tags());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_truncated_pack_is_an_input_error_when_its_lost_objects_are_read()
    {
        var work = Commits("truncated", 30);
        GitCli.Run(work, "repack", "-adf", "--quiet");
        var pack = Directory.GetFiles(Path.Combine(work, ".git", "objects", "pack"), "*.pack").Single();
        var bytes = File.ReadAllBytes(pack);
        File.WriteAllBytes(pack, bytes[..(bytes.Length / 2)]);
        var repository = GitRepository.Open(work)!;
        var error = await Assert.ThrowsAnyAsync<InputFormatException>(() => Task.Run(
            () =>
            {
                using var objects = repository.OpenObjects();
                foreach (var commit in GitHistory.Walk(objects, repository.HeadCommit()!, 1000))
                {
                    objects.ListFiles(commit.Id);
                }
            },
            TestContext.Current.CancellationToken));
        Assert.Contains(".pack: entry at offset", error.Message);
    }

    [Fact]
    public void Tags_keep_what_the_refs_say_when_objects_are_missing_or_the_store_is_damaged()
    {
        var work = Commits("tags", 2);
        GitCli.Run(work, "tag", "-a", "v1", "-m", "one");
        GitCli.Run(work, "tag", "v1-light");
        var head = GitCli.Run(work, "rev-parse", "HEAD").Trim();
        var missing = new string('c', 40);
        File.AppendAllText(Path.Combine(work, ".git", "packed-refs"), $"{missing} refs/tags/packed-missing\n");
        _tree.File("tags/.git/refs/tags/loose-missing", new string('d', 40) + "\n");
        var repository = GitRepository.Open(work)!;
        var tags = repository.Tags();
        Assert.Equal(head, tags["v1"]); // a loose annotated tag, peeled through its loose object
        Assert.Equal(head, tags["v1-light"]);
        Assert.Equal(missing, tags["packed-missing"]); // packed-refs is taken at its word when the object is not here
        Assert.False(tags.ContainsKey("loose-missing")); // a loose ref to nothing known is left out, as before

        // with every object packed and the index damaged, the store cannot open: packed-refs still answers
        File.Delete(_tree.Full("tags/.git/refs/tags/loose-missing"));
        GitCli.Run(work, "tag", "-d", "packed-missing");
        GitCli.Run(work, "pack-refs", "--all");
        GitCli.Run(work, "repack", "-adf", "--quiet");
        var packedRefs = Path.Combine(work, ".git", "packed-refs");
        var asGitWroteIt = File.ReadAllLines(packedRefs);
        Assert.StartsWith("# pack-refs with: peeled fully-peeled", asGitWroteIt[0], StringComparison.Ordinal);
        File.WriteAllLines(packedRefs, asGitWroteIt.Where(line => !line.StartsWith('^') && !line.StartsWith('#')));
        Assert.Equal(head, repository.Tags()["v1"]); // peeled through the pack
        var index = Directory.GetFiles(Path.Combine(work, ".git", "objects", "pack"), "*.idx").Single();
        File.WriteAllBytes(index, new byte[100]);
        Assert.Throws<InputFormatException>(() => repository.OpenObjects());
        var tagObject = GitCli.Run(work, "rev-parse", "refs/tags/v1").Trim();
        Assert.Equal(tagObject, repository.Tags()["v1"]);
        Assert.Equal(head, repository.Tags()["v1-light"]);

        // packed-refs whose header says it is peeled answers alone: the damaged store is not even opened
        File.WriteAllLines(packedRefs, asGitWroteIt);
        Assert.Equal(head, repository.Tags()["v1"]);
    }

    [Fact]
    public void Tags_of_a_hand_written_clone_resolve_as_the_action_pins_expect()
    {
        // the layout ActionPins' tests write: a peeled packed-refs, a loose annotated tag with loose objects, a loose
        // ref to an object that is nowhere, and no pack at all
        const string ShaA = "1111111111111111111111111111111111111111", ShaB = "2222222222222222222222222222222222222222", ShaC = "3333333333333333333333333333333333333333";
        const string TagObject = "4444444444444444444444444444444444444444", LooseTag = "5555555555555555555555555555555555555555", LooseCommit = "6666666666666666666666666666666666666666";
        _tree.File("clone/.git/packed-refs", $"# pack-refs with: peeled fully-peeled sorted \n{ShaA} refs/heads/main\n{ShaB} refs/tags/v1.0.0\n{TagObject} refs/tags/v2.0.0\n^{ShaC}\n");
        _tree.File("clone/.git/refs/tags/v2.1.0", LooseTag + "\n");
        _tree.File("clone/.git/refs/tags/packed-object", ShaC + "\n");
        foreach (var (id, type, body) in new[] { (LooseTag, "tag", $"object {LooseCommit}\ntype commit\ntag v2.1.0\n\nrelease\n"), (LooseCommit, "commit", "tree 0000\n\nmessage\n") })
        {
            Directory.CreateDirectory(_tree.Full($"clone/.git/objects/{id[..2]}"));
            File.WriteAllBytes(_tree.Full($"clone/.git/objects/{id[..2]}/{id[2..]}"), PackBuilder.Compress(System.Text.Encoding.ASCII.GetBytes($"{type} {body.Length}\0{body}")));
        }

        var tags = GitRepository.Open(_tree.Full("clone"))!.Tags();
        Assert.Equal(new Dictionary<string, string> { ["v1.0.0"] = ShaB, ["v2.0.0"] = ShaC, ["v2.1.0"] = LooseCommit }, tags);
    }

    [Fact]
    public void The_repository_the_tests_run_in_reads_as_git_reads_it()
    {
        var workTree = GitRepository.FindWorkTree(AppContext.BaseDirectory);
        if (workTree is null || GitRepository.Open(workTree) is not { } repository || repository.HeadCommit() is null)
        {
            Assert.Skip("the tests do not run inside a git work tree");
            return;
        }

        if (repository.ObjectFormat() != "sha1")
        {
            Assert.Skip("the enclosing repository uses SHA-256");
            return;
        }

        var clock = Stopwatch.StartNew();
        using var objects = repository.OpenObjects();
        var opened = clock.Elapsed;
        var history = GitHistory.Walk(objects, repository.HeadCommit()!, 500);
        var walked = clock.Elapsed - opened;
        clock.Restart();
        var files = objects.ListFiles(history[0].Id)!;
        var listed = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{workTree}: opened {objects.PackNames.Count()} packs in {opened.TotalMilliseconds:F0} ms, walked {history.Count} commits in {walked.TotalMilliseconds:F0} ms, listed {files.Count} tree entries at HEAD in {listed.TotalMilliseconds:F0} ms");

        GitDifferential.AssertSameAsGit(workTree, history, 500, objects);
        var expected = GitCli.Run(workTree, "ls-tree", "-r", "-t", "-z", "--full-tree", "--format=%(objectname) %(path)", history[0].Id).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, files.Select(entry => $"{entry.Id} {entry.Name}"));
    }

    /// <summary>A repository at <paramref name="name"/> with <paramref name="count"/> commits, each changing one file.</summary>
    private string Commits(string name, int count)
    {
        var work = _tree.Full(name);
        Directory.CreateDirectory(work);
        GitCli.Run(work, "init", "--quiet", "-b", "main");
        for (var i = 0; i < count; i++)
        {
            _tree.File($"{name}/file.txt", string.Concat(Enumerable.Range(0, 100).Select(line => $"{line} {(line == i ? "changed" : "")}\n")));
            GitCli.Run(work, "add", "-A");
            GitCli.Run(work, "commit", "--quiet", "-m", $"commit {i}");
        }

        return work;
    }
}
