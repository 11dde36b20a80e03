namespace Kingsnake.Project.Tests.Git;

/// <summary>
/// Repositories made by the real git once for a test class: about 70 commits dated in five time zones (a file that
/// changes one line per commit, so packs hold delta chains), a merge whose branch shares committer times with the main
/// line, lightweight and annotated tags (one tagging another), an SSH-signed commit and tag, a merged signed tag
/// (<c>mergetag</c>); then the same repository loose, packed with offset deltas, packed with reference deltas, and
/// cloned shallow.
/// </summary>
public sealed class GitRepositoriesFixture : IDisposable
{
    private static readonly string[] Zones = ["+0000", "+0530", "-0800", "+1245", "-0330"];

    public GitRepositoriesFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "kingsnake-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Loose = Path.Combine(Root, "loose");
        Directory.CreateDirectory(Loose);
        SigningKey = Path.Combine(Root, "signing-key");
        Run(Root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "committer@example.com", "-f", SigningKey);
        AllowedSigners = Path.Combine(Root, "allowed-signers");
        File.WriteAllText(AllowedSigners, "committer@example.com " + File.ReadAllText(SigningKey + ".pub"));
        Build();

        Packed = Copy("packed");
        Git(Packed, "gc", "--aggressive", "--quiet");
        Git(Packed, "repack", "-adf", "--depth=50", "--window=250", "--quiet");
        // packed-refs as git wrote it before peeling (or as any tool may): annotated tags must peel through the pack
        var packedRefs = Path.Combine(Packed, ".git", "packed-refs");
        File.WriteAllLines(packedRefs, File.ReadAllLines(packedRefs).Where(line => !line.StartsWith('^') && !line.StartsWith('#')));

        ReferenceDeltas = Copy("reference-deltas");
        Git(ReferenceDeltas, "-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "--depth=50", "--window=250", "--quiet");

        Shallow = Path.Combine(Root, "shallow");
        Git(Root, "clone", "--quiet", "--depth", "3", "--no-single-branch", "file://" + Packed, Shallow);
    }

    public string Root { get; }

    /// <summary>Every object loose, as git leaves them before any gc.</summary>
    public string Loose { get; }

    /// <summary>One pack, offset deltas, after <c>gc --aggressive</c> and <c>repack -adf</c>; packed-refs without peeled lines.</summary>
    public string Packed { get; }

    /// <summary>One pack whose deltas name their base by id (<c>repack.useDeltaBaseOffset=false</c>).</summary>
    public string ReferenceDeltas { get; }

    /// <summary><c>git clone --depth 3</c> of <see cref="Packed"/>.</summary>
    public string Shallow { get; }

    public string SigningKey { get; }

    public string AllowedSigners { get; }

    /// <summary>The SSH-signed commit and the merge that took in a signed tag (its only signature is the mergetag's).</summary>
    public string SignedCommit { get; private set; } = "";

    public string MergeOfSignedTag { get; private set; } = "";

    /// <summary>Runs git in <paramref name="directory"/> with signing set up (SSH, the fixture's key and allowed signers).</summary>
    public string Git(string directory, params string[] args) =>
        GitCli.Run(directory, ["-c", "gpg.format=ssh", "-c", $"user.signingkey={SigningKey}", "-c", $"gpg.ssh.allowedSignersFile={AllowedSigners}", .. args]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string directory, string program, params string[] args) => GitCli.RunBytes(directory, null, program, args);

    private string Copy(string name)
    {
        var target = Path.Combine(Root, name);
        Run(Root, "cp", "-a", Loose, target);
        return target;
    }

    private void Commit(int tick, int zone, string message, bool sign = false, int? committerTick = null)
    {
        const long Start = 1_600_000_000;
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_DATE"] = $"@{Start + tick * 3600} {Zones[zone % Zones.Length]}",
            ["GIT_COMMITTER_DATE"] = $"@{Start + (committerTick ?? tick) * 3600 + 60} {Zones[(zone + 2) % Zones.Length]}",
        };
        GitCli.Run(Loose, environment, ["-c", "gpg.format=ssh", "-c", $"user.signingkey={SigningKey}", "commit", "--quiet", "--allow-empty", sign ? "-S" : "--no-gpg-sign", "-m", message]);
    }

    private void Build()
    {
        Git(Loose, "init", "--quiet", "-b", "main");
        Git(Loose, "config", "gc.auto", "0");
        Git(Loose, "config", "core.autocrlf", "false");
        var lines = Enumerable.Range(0, 300).Select(i => $"line {i}: the quick brown fox jumps over the lazy dog {i * 7919 % 1000}").ToArray();
        Directory.CreateDirectory(Path.Combine(Loose, "pkg"));
        Directory.CreateDirectory(Path.Combine(Loose, "docs", "deep", "er"));
        File.WriteAllText(Path.Combine(Loose, "docs", "naïve café.md"), "# ünïcode name\n");
        File.WriteAllText(Path.Combine(Loose, "docs", "deep", "er", "leaf.txt"), "leaf\n");
        File.WriteAllText(Path.Combine(Loose, "run.sh"), "#!/bin/sh\necho hi\n");
        Run(Loose, "chmod", "+x", "run.sh");
        File.CreateSymbolicLink(Path.Combine(Loose, "link-to-data"), "data.txt");
        for (var i = 0; i < 60; i++)
        {
            lines[i * 7 % lines.Length] = $"line {i * 7 % lines.Length}: changed in commit {i}";
            File.WriteAllLines(Path.Combine(Loose, "data.txt"), lines);
            File.WriteAllText(Path.Combine(Loose, "pkg", $"mod_{i % 5}.py"), $"VALUE = {i}\n");
            Git(Loose, "add", "-A");
            Commit(i, i, i % 10 == 0 ? $"Commit {i}\n\nA body for commit {i},\nover two lines.\n" : $"Commit {i}");
            if (i == 15)
            {
                Git(Loose, "tag", "v0.9");
            }

            if (i == 20)
            {
                Git(Loose, "tag", "-a", "v1.0", "-m", "release 1.0");
                Git(Loose, "tag", "-a", "v1.0-outer", "v1.0", "-m", "a tag of a tag");
            }

            if (i == 30)
            {
                Git(Loose, "branch", "feature");
            }
        }

        // the feature branch's commits carry the same committer times as main's commits 31 and 32: ties git breaks by queue order
        Git(Loose, "checkout", "--quiet", "feature");
        File.WriteAllText(Path.Combine(Loose, "feature.txt"), "one\n");
        Git(Loose, "add", "-A");
        Commit(100, 1, "Feature one", committerTick: 31);
        File.WriteAllText(Path.Combine(Loose, "feature.txt"), "one\ntwo\n");
        Git(Loose, "add", "-A");
        Commit(101, 2, "Feature two", committerTick: 32);
        Git(Loose, "checkout", "--quiet", "main");
        GitCli.Run(Loose, new Dictionary<string, string> { ["GIT_COMMITTER_DATE"] = "@1600300000 +0200", ["GIT_AUTHOR_DATE"] = "@1600300000 +0200" }, "merge", "--quiet", "--no-ff", "--no-gpg-sign", "-m", "Merge feature", "feature");

        File.WriteAllText(Path.Combine(Loose, "signed.txt"), "signed\n");
        Git(Loose, "add", "-A");
        Commit(200, 3, "An SSH-signed commit", sign: true);
        SignedCommit = Git(Loose, "rev-parse", "HEAD").Trim();
        Git(Loose, "tag", "-s", "v2.0", "-m", "signed release 2.0");

        Git(Loose, "checkout", "--quiet", "-b", "side");
        File.WriteAllText(Path.Combine(Loose, "side.txt"), "side\n");
        Git(Loose, "add", "-A");
        Commit(201, 4, "Side work");
        Git(Loose, "tag", "-s", "side-release", "-m", "side release");
        Git(Loose, "checkout", "--quiet", "main");
        Commit(202, 0, "Main moves on");
        GitCli.Run(Loose, new Dictionary<string, string> { ["GIT_COMMITTER_DATE"] = "@1601000000 -0700", ["GIT_AUTHOR_DATE"] = "@1601000000 -0700" }, "merge", "--quiet", "--no-ff", "--no-gpg-sign", "-m", "Merge signed tag side-release", "side-release");
        MergeOfSignedTag = Git(Loose, "rev-parse", "HEAD").Trim();
    }
}
