using Kingsnake.Project.Git;

namespace Kingsnake.Project.Tests.Git;

/// <summary>History, tags, trees and blobs read from repositories the real git made, checked against git's own output.</summary>
public sealed class GitHistoryTests(GitRepositoriesFixture repositories) : IClassFixture<GitRepositoriesFixture>
{
    public static TheoryData<string> Layouts => ["loose", "packed", "reference-deltas"];

    private string Layout(string name) => name switch
    {
        "loose" => repositories.Loose,
        "packed" => repositories.Packed,
        "reference-deltas" => repositories.ReferenceDeltas,
        _ => repositories.Shallow,
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void History_is_git_logs_commit_for_commit(string layout)
    {
        var directory = Layout(layout);
        var repository = GitRepository.Open(directory)!;
        var history = repository.History(maxCount: 1000);
        Assert.Equal(int.Parse(GitCli.Run(directory, "rev-list", "--count", "HEAD").Trim(), System.Globalization.CultureInfo.InvariantCulture), history.Count);
        Assert.InRange(history.Count, 65, 80);
        Assert.Equal(history.Count, history.Select(commit => commit.Id).Distinct().Count()); // merges reach commits twice; each is listed once
        GitDifferential.AssertSameAsGit(directory, history, 1000);
        Assert.Contains(history, commit => commit.ParentIds.Count == 2);
        Assert.Equal(new TimeSpan(12, 45, 0), history.Single(commit => commit.Subject == "Commit 3").Author.When.Offset);
        Assert.Equal(new TimeSpan(-3, -30, 0), history.Single(commit => commit.Subject == "Commit 4").Author.When.Offset);
        Assert.Equal("Commit 10\n\nA body for commit 10,\nover two lines.\n", history.Single(commit => commit.Subject == "Commit 10").Message);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_walk_from_any_commit_bounded_by_count_or_time_matches_git(string layout)
    {
        var directory = Layout(layout);
        var repository = GitRepository.Open(directory)!;
        var feature = GitCli.Run(directory, "rev-parse", "feature").Trim();
        GitDifferential.AssertSameAsGit(directory, repository.History(maxCount: 7), 7);
        GitDifferential.AssertSameAsGit(directory, repository.History(maxCount: 1000, fromId: feature), 1000, null, feature);

        // from a tag object: the walk starts at the commit it names
        var tagObject = GitCli.Run(directory, "rev-parse", "v1.0").Trim();
        GitDifferential.AssertSameAsGit(directory, repository.History(maxCount: 1000, fromId: tagObject), 1000, null, "v1.0^{commit}");

        var since = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000 + 40 * 3600);
        var recent = repository.History(maxCount: 1000, since: since);
        var expected = GitCli.Run(directory, "rev-list", $"--since={since.ToUnixTimeSeconds()}", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, recent.Select(commit => commit.Id));
        Assert.All(recent, commit => Assert.True(commit.Committer.When >= since));
    }

    [Fact]
    public void The_packs_hold_delta_chains_and_the_reference_pack_names_bases_by_id()
    {
        foreach (var directory in new[] { repositories.Packed, repositories.ReferenceDeltas })
        {
            var index = Directory.GetFiles(Path.Combine(directory, ".git", "objects", "pack"), "*.idx").Single();
            var chains = GitCli.Run(directory, "verify-pack", "-v", index).Split('\n').Where(line => line.StartsWith("chain length = ", StringComparison.Ordinal)).ToList();
            Assert.Contains(chains, line => int.Parse(line["chain length = ".Length..line.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture) >= 5);
            Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(directory, ".git", "objects")), path => Path.GetFileName(path).Length == 2);
        }

        // an offset delta is type 6 in the entry header, a reference delta 7: the reference pack has no 6 and some 7
        Assert.Equal((true, false), DeltaKinds(repositories.Packed));
        Assert.Equal((false, true), DeltaKinds(repositories.ReferenceDeltas));
        Assert.Empty(Directory.GetDirectories(Path.Combine(repositories.Loose, ".git", "objects", "pack")).Concat(Directory.GetFiles(Path.Combine(repositories.Loose, ".git", "objects", "pack"))));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Signature_kinds_agree_with_what_git_verifies(string layout)
    {
        var directory = Layout(layout);
        var history = GitRepository.Open(directory)!.History(maxCount: 1000);
        var verified = repositories.Git(directory, "log", "--format=%H %G?").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(line => line[..40], line => line[41]);
        Assert.All(history, commit => Assert.Equal(verified[commit.Id] != 'N', commit.Signature != GitSignatureKind.None));
        Assert.Equal('G', verified[repositories.SignedCommit]);
        Assert.Equal(GitSignatureKind.Ssh, history.Single(commit => commit.Id == repositories.SignedCommit).Signature);

        // the merge of a signed tag carries the tag's signature in a mergetag header; the merge itself is unsigned
        Assert.Contains("\nmergetag object ", GitCli.Run(directory, "cat-file", "commit", repositories.MergeOfSignedTag), StringComparison.Ordinal);
        Assert.Equal(GitSignatureKind.None, history.Single(commit => commit.Id == repositories.MergeOfSignedTag).Signature);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Tags_peel_to_the_commits_git_names_even_when_the_tag_objects_are_packed(string layout)
    {
        var directory = Layout(layout);
        var repository = GitRepository.Open(directory)!;
        var names = GitCli.Run(directory, "for-each-ref", "--format=%(refname:strip=2)", "refs/tags").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = names.ToDictionary(name => name, name => GitCli.Run(directory, "rev-parse", $"refs/tags/{name}^{{commit}}").Trim());
        Assert.Equal(["side-release", "v0.9", "v1.0", "v1.0-outer", "v2.0"], names.Order(StringComparer.Ordinal));
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), repository.Tags().OrderBy(pair => pair.Key, StringComparer.Ordinal));
        if (layout == "packed")
        {
            Assert.DoesNotContain("^", File.ReadAllText(Path.Combine(directory, ".git", "packed-refs")), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Annotated_tags_read_as_git_prints_them(string layout)
    {
        var directory = Layout(layout);
        using var objects = GitRepository.Open(directory)!.OpenObjects();
        var lines = GitCli.Run(directory, "for-each-ref", "--format=%(objecttype)%1f%(objectname)%1f%(object)%1f%(type)%1f%(tag)%1f%(taggername)%1f%(taggeremail)%1f%(taggerdate:iso-strict)%1f%(contents:subject)", "refs/tags")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\x1f')).Where(fields => fields[0] == "tag").ToList();
        Assert.Equal(4, lines.Count);
        foreach (var fields in lines)
        {
            var tag = objects.ReadTag(fields[1])!;
            Assert.Equal((fields[2], fields[3], fields[4]), (tag.TargetId, tag.TargetType.ToString().ToLowerInvariant(), tag.Name));
            Assert.Equal((fields[5], fields[6], fields[7]), (tag.Tagger!.Name, $"<{tag.Tagger.Email}>", GitDifferential.Iso(tag.Tagger.When)));
            Assert.Equal(fields[8], tag.Message.TrimEnd('\n'));
            Assert.Equal(tag.Name is "v2.0" or "side-release" ? GitSignatureKind.Ssh : GitSignatureKind.None, tag.Signature);
        }

        Assert.Equal(GitObjectType.Tag, objects.ReadTag(GitCli.Run(directory, "rev-parse", "v1.0-outer").Trim())!.TargetType);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Files_at_a_commit_and_their_bytes_match_git_ls_tree(string layout)
    {
        var directory = Layout(layout);
        using var objects = GitRepository.Open(directory)!.OpenObjects();
        foreach (var revision in new[] { "HEAD", "HEAD~40" })
        {
            var commit = GitCli.Run(directory, "rev-parse", revision).Trim();
            var expected = GitCli.Run(directory, "ls-tree", "-r", "-t", "-z", "--full-tree", commit).Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => (Mode: line[..line.IndexOf(' ')], Id: line[(line.IndexOf('\t') - 40)..line.IndexOf('\t')], Path: line[(line.IndexOf('\t') + 1)..]))
                .ToList();
            var ours = objects.ListFiles(commit)!.Select(entry => (Mode: Convert.ToString(entry.Mode, 8).PadLeft(6, '0'), entry.Id, Path: entry.Name)).ToList();
            Assert.Equal(expected, ours);
            Assert.Contains(ours, entry => entry.Path == "docs/naïve café.md");
            Assert.Contains(ours, entry => entry is { Path: "run.sh", Mode: "100755" });
            Assert.Contains(ours, entry => entry is { Path: "link-to-data", Mode: "120000" });
            Assert.Contains(ours, entry => entry is { Path: "docs/deep/er", Mode: "040000" });

            var data = ours.Single(entry => entry.Path == "data.txt").Id;
            Assert.Equal(GitCli.RunBytes(directory, null, "git", "cat-file", "blob", data), objects.ReadBlob(data));
            Assert.Equal("data.txt", Assert.Single(objects.ReadTree(objects.ReadCommit(commit)!.TreeId)!, entry => entry.Id == data).Name);
        }

        var head = objects.ReadCommit(GitCli.Run(directory, "rev-parse", "HEAD").Trim())!;
        var rootOrder = GitCli.Run(directory, "ls-tree", "-z", "--name-only", "HEAD").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rootOrder, objects.ReadTree(head.TreeId)!.Select(entry => entry.Name));
        Assert.Throws<Kingsnake.Core.Findings.InputFormatException>(() => objects.ReadBlob(head.TreeId));
        Assert.Contains("over the 10-byte limit", Assert.Throws<Kingsnake.Core.Findings.InputFormatException>(() => objects.ReadBlob(objects.ListFiles(head.Id)!.Single(entry => entry.Name == "data.txt").Id, maxBytes: 10)).Message);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_object_reads_back_byte_for_byte_as_git_cat_file_prints_it(string layout)
    {
        var directory = Layout(layout);
        var output = GitCli.RunBytes(directory, null, "git", "cat-file", "--batch-all-objects", "--batch");
        var expected = new List<(string Id, string Type, byte[] Data)>();
        for (var at = 0; at < output.Length;)
        {
            var newline = Array.IndexOf(output, (byte)'\n', at);
            var header = System.Text.Encoding.ASCII.GetString(output, at, newline - at).Split(' ');
            var size = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
            expected.Add((header[0], header[1], output[(newline + 1)..(newline + 1 + size)]));
            at = newline + 1 + size + 1;
        }

        Assert.InRange(expected.Count, 300, 2000);
        using var objects = GitRepository.Open(directory)!.OpenObjects();

        // forwards, backwards, then forwards again: the rebuilt-base cache must give the same bytes in any order
        foreach (var order in new[] { expected, Enumerable.Reverse(expected).ToList(), expected })
        {
            foreach (var (id, type, data) in order)
            {
                var found = objects.Read(id)!;
                Assert.Equal(type, found.Type.ToString().ToLowerInvariant());
                Assert.True(data.AsSpan().SequenceEqual(found.Data.Span), $"object {id} differs from git's");
            }
        }
    }

    [Fact]
    public void A_shallow_clone_walks_to_its_cut_and_stops_without_error()
    {
        var repository = GitRepository.Open(repositories.Shallow)!;
        var shallow = repository.ShallowCommits();
        Assert.NotEmpty(shallow);
        using var objects = repository.OpenObjects();
        var history = GitHistory.Walk(objects, repository.HeadCommit()!, 1000);
        GitDifferential.AssertSameAsGit(repositories.Shallow, history, 1000, objects);
        Assert.Contains(history, commit => objects.IsShallowBoundary(commit.Id) && commit.ParentIds.All(parent => objects.Read(parent) is null));

        // without the shallow file the walk still ends at the missing parents, quietly
        using var unmarked = GitObjectStore.Open(Path.Combine(repositories.Shallow, ".git", "objects"));
        Assert.Equal(history.Select(commit => commit.Id), GitHistory.Walk(unmarked, repository.HeadCommit()!, 1000).Select(commit => commit.Id));
    }

    private static (bool Offset, bool Reference) DeltaKinds(string directory)
    {
        var pack = File.ReadAllBytes(Directory.GetFiles(Path.Combine(directory, ".git", "objects", "pack"), "*.pack").Single());
        var index = Directory.GetFiles(Path.Combine(directory, ".git", "objects", "pack"), "*.idx").Single();
        var types = ShowIndex(directory, index).Select(offset => (pack[offset] >> 4) & 7).ToHashSet();
        return (types.Contains(6), types.Contains(7));
    }

    private static List<long> ShowIndex(string directory, string index)
    {
        var output = GitCli.RunBytes(directory, null, "sh", "-c", $"git show-index < '{index}'");
        return [.. System.Text.Encoding.ASCII.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => long.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))];
    }
}
