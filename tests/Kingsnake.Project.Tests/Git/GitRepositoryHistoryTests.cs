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
        File.WriteAllLines(packedRefs, File.ReadAllLines(packedRefs).Where(line => !line.StartsWith('^')));
        Assert.Equal(head, repository.Tags()["v1"]);
        var index = Directory.GetFiles(Path.Combine(work, ".git", "objects", "pack"), "*.idx").Single();
        File.WriteAllBytes(index, new byte[100]);
        Assert.Throws<InputFormatException>(() => repository.OpenObjects());
        var tagObject = GitCli.Run(work, "rev-parse", "refs/tags/v1").Trim();
        Assert.Equal(tagObject, repository.Tags()["v1"]);
        Assert.Equal(head, repository.Tags()["v1-light"]);
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
