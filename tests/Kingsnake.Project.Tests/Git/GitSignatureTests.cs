using Kingsnake.Project.Git;

namespace Kingsnake.Project.Tests.Git;

/// <summary>
/// Signature kinds and the parts of commits and tags git accepts but few write: a real OpenPGP signature made by gpg,
/// X.509 and unknown armors and odd dates written as objects by <c>git hash-object</c>.
/// </summary>
public sealed class GitSignatureTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly string _work;
    private readonly Dictionary<string, string> _gpg;

    public GitSignatureTests()
    {
        _work = _tree.Full("work");
        Directory.CreateDirectory(_work);
        var home = _tree.Full("gnupg");
        Directory.CreateDirectory(home);
        GitCli.RunBytes(_tree.Root, null, "chmod", "700", home); // gpg refuses a home others can read
        _gpg = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        GitCli.Run(_work, "init", "--quiet", "-b", "main");
    }

    public void Dispose()
    {
        // the agent gpg started for this test's key ring, and only that one
        if (File.Exists(Path.Combine(_tree.Root, "gnupg", "pubring.kbx")))
        {
            GitCli.RunBytes(_tree.Root, _gpg, "gpgconf", "--kill", "gpg-agent");
        }

        _tree.Dispose();
    }

    [Fact]
    public void A_commit_and_a_tag_signed_by_gpg_are_OpenPgp_and_git_verifies_them()
    {
        GitCli.RunBytes(_tree.Root, _gpg, "gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key", "Test Committer <committer@example.com>", "ed25519", "sign", "never");
        _tree.File("work/a.txt", "a\n");
        GitCli.Run(_work, "add", "-A");
        GitCli.Run(_work, _gpg, "-c", "user.signingkey=committer@example.com", "commit", "--quiet", "-S", "-m", "signed by gpg");
        GitCli.Run(_work, _gpg, "-c", "user.signingkey=committer@example.com", "tag", "-s", "v1", "-m", "gpg release");
        var head = GitCli.Run(_work, "rev-parse", "HEAD").Trim();
        Assert.Equal("G", GitCli.Run(_work, _gpg, "log", "-1", "--format=%G?").Trim());

        var repository = GitRepository.Open(_work)!;
        using var objects = repository.OpenObjects();
        Assert.Equal(GitSignatureKind.OpenPgp, objects.ReadCommit(head)!.Signature);
        var tag = objects.ReadTag(GitCli.Run(_work, "rev-parse", "v1").Trim())!;
        Assert.Equal(GitSignatureKind.OpenPgp, tag.Signature);
        Assert.Equal("gpg release\n", tag.Message);
        Assert.Equal(head, repository.Tags()["v1"]);
    }

    [Theory]
    [InlineData("gpgsig", "-----BEGIN SIGNED MESSAGE-----", GitSignatureKind.X509)]
    [InlineData("gpgsig", "-----BEGIN PGP SIGNATURE-----", GitSignatureKind.OpenPgp)]
    [InlineData("gpgsig-sha256", "-----BEGIN PGP SIGNATURE-----", GitSignatureKind.OpenPgp)]
    [InlineData("gpgsig", "-----BEGIN SSH SIGNATURE-----", GitSignatureKind.Ssh)]
    [InlineData("gpgsig", "-----BEGIN SOMETHING ELSE-----", GitSignatureKind.Other)]
    // a merged signed tag's blank line is written as a lone space, as git does, so the header goes on
    [InlineData("mergetag", "object 0000000000000000000000000000000000000000\n type commit\n tag x\n \n -----BEGIN PGP SIGNATURE-----", GitSignatureKind.None)]
    public void The_signature_header_tells_the_kind(string header, string armor, GitSignatureKind kind)
    {
        var tree = GitCli.Run(_work, "mktree").Trim();
        var body = $"tree {tree}\nauthor A <a@example.com> 1600000000 +0200\ncommitter C <c@example.com> 1600000001 -0700\n{header} {armor}\n abc\n -----END-----\n\nsubject\n";
        var id = HashObject("commit", body);
        using var objects = GitRepository.Open(_work)!.OpenObjects();
        var commit = objects.ReadCommit(id)!;
        Assert.Equal(kind, commit.Signature);
        Assert.Equal("subject\n", commit.Message);
        Assert.Equal(tree, commit.TreeId);
    }

    [Fact]
    public void A_tags_signature_is_the_last_armored_block_and_is_cut_from_the_message_even_past_64_KiB()
    {
        var commit = HashObject("commit", $"tree {GitCli.Run(_work, "mktree").Trim()}\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nc\n");
        var x509 = HashObject("tag", $"object {commit}\ntype commit\ntag v1\ntagger T <t@example.com> 1600000000 +0100\n\nrelease\n-----BEGIN SIGNED MESSAGE-----\nMIAG\n-----END SIGNED MESSAGE-----\n");
        var quoted = HashObject("tag", $"object {commit}\ntype commit\ntag v2\n\nquoting\n-----BEGIN PGP SIGNATURE-----\nin the text\n-----BEGIN SSH SIGNATURE-----\nU1NI\n-----END SSH SIGNATURE-----\n");
        var longMessage = new string('x', 100_000);
        var hidden = HashObject("tag", $"object {commit}\ntype commit\ntag v3\ntagger T <t@example.com> 1600000000 +0100\n\n{longMessage}\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n");
        using var objects = GitRepository.Open(_work)!.OpenObjects();

        var tag = objects.ReadTag(x509)!;
        Assert.Equal((GitSignatureKind.X509, "release\n", "v1", commit, GitObjectType.Commit), (tag.Signature, tag.Message, tag.Name, tag.TargetId, tag.TargetType));
        Assert.Equal(new DateTimeOffset(2020, 9, 13, 13, 26, 40, TimeSpan.FromHours(1)), tag.Tagger!.When);

        tag = objects.ReadTag(quoted)!;
        Assert.Equal((GitSignatureKind.Ssh, "quoting\n-----BEGIN PGP SIGNATURE-----\nin the text\n"), (tag.Signature, tag.Message));
        Assert.Null(tag.Tagger); // tags from before git 0.99.9 have none

        tag = objects.ReadTag(hidden)!;
        Assert.Equal(GitSignatureKind.OpenPgp, tag.Signature);
        Assert.Equal(64 * 1024, tag.Message.Length);
    }

    [Theory]
    [InlineData("1600000000 +0530", 1600000000L, 5, 30, "2020-09-13T17:56:40+05:30")]
    [InlineData("1600000000 -1245", 1600000000L, -12, -45, "2020-09-12T23:41:40-12:45")]
    [InlineData("1600000000 +9999", 1600000000L, 0, 0, "2020-09-13T12:26:40+00:00")] // git accepts any four digits
    [InlineData("99999999999999 +0000", 99999999999999L, 0, 0, "9999-12-30T23:59:59+00:00")] // past year 9999: clamped, the seconds kept
    [InlineData("not-a-date", 0L, 0, 0, "1970-01-01T00:00:00+00:00")]
    public void Dates_keep_their_offset_and_odd_ones_do_not_fail_the_commit(string date, long seconds, int hours, int minutes, string iso)
    {
        var body = $"tree {GitCli.Run(_work, "mktree").Trim()}\nauthor Ann Example <ann@example.com> {date}\ncommitter C <c@x> 1600000000 +0000\n\nodd date\n";
        var id = HashObject("commit", body, literally: true);
        using var objects = GitRepository.Open(_work)!.OpenObjects();
        var author = objects.ReadCommit(id)!.Author;
        Assert.Equal(("Ann Example", "ann@example.com", seconds), (author.Name, author.Email, author.UnixSeconds));
        Assert.Equal(new TimeSpan(hours, minutes, 0), author.When.Offset);
        Assert.Equal(iso, GitDifferential.Iso(author.When));
        if (date.EndsWith("+0530", StringComparison.Ordinal))
        {
            Assert.Equal(iso, GitCli.Run(_work, "log", "-1", "--format=%aI", id).Trim());
        }
    }

    private string HashObject(string type, string body, bool literally = false)
    {
        var file = _tree.File($"object-{Guid.NewGuid():N}", body);
        return GitCli.Run(_work, ["hash-object", "-t", type, "-w", .. literally ? new[] { "--literally" } : [], file]).Trim();
    }
}
