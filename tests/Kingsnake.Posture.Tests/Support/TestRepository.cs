using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Tests.Support;

/// <summary>
/// A real git repository in a temporary directory, made by running the <c>git</c> CLI (tests may run git; the product
/// never does): commits with chosen authors, committers and dates, branches and <c>--no-ff</c> merges, lightweight,
/// annotated and SSH-signed tags and commits, packing, shallow clones. Nothing of the machine's or the user's git
/// configuration is read (<c>GIT_CONFIG_GLOBAL=/dev/null</c>, <c>GIT_CONFIG_NOSYSTEM=1</c>, <c>HOME</c> inside the
/// temporary directory), and git may only use the <c>file</c> transport, so nothing touches the network. The directory
/// goes when the repository is disposed.
/// </summary>
public sealed class TestRepository : IDisposable
{
    private string? _signingKey;
    private int _fileCounter;

    private TestRepository(string root)
    {
        Root = root;
        WorkTree = Path.Combine(root, "repo");
        Home = Path.Combine(root, "home");
        Directory.CreateDirectory(WorkTree);
        Directory.CreateDirectory(Home);
    }

    /// <summary>The temporary directory that holds the work tree, the home directory and any clones.</summary>
    public string Root { get; }

    /// <summary>The repository's work tree (its <c>.git</c> inside).</summary>
    public string WorkTree { get; }

    /// <summary>The <c>HOME</c> git and ssh-keygen see: empty but for what the repository puts there.</summary>
    public string Home { get; }

    /// <summary>A new repository on branch <c>main</c>, with no commits, automatic gc off and a fixed identity.</summary>
    public static TestRepository Create()
    {
        var repository = new TestRepository(Path.Combine(Path.GetTempPath(), "kingsnake-posture-git-" + Guid.NewGuid().ToString("N")));
        repository.Git("init", "--quiet", "-b", "main");
        repository.Git("config", "gc.auto", "0");
        repository.Git("config", "core.autocrlf", "false");
        repository.Git("config", "commit.gpgsign", "false");
        repository.Git("config", "tag.gpgsign", "false");
        return repository;
    }

    /// <summary>git's date form for an instant: <c>@seconds ±hhmm</c>, keeping the offset.</summary>
    public static string GitDate(DateTimeOffset when)
    {
        var offset = when.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"@{when.ToUnixTimeSeconds()} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    /// <summary>A message with trailers after a blank line (<c>Reviewed-on: …</c>, <c>Reviewed-by: …</c>).</summary>
    public static string WithTrailers(string subject, params (string Key, string Value)[] trailers) =>
        subject + "\n\n" + string.Join("\n", trailers.Select(trailer => $"{trailer.Key}: {trailer.Value}")) + "\n";

    /// <summary>
    /// Writes <paramref name="files"/> (relative path → content; a new file of its own when none are given, so every
    /// commit changes something and branches merge without conflict), stages everything and commits. Dates default to the author date, then to a fixed instant.
    /// Returns the new commit's id.
    /// </summary>
    public string Commit(
        string message,
        IReadOnlyDictionary<string, string>? files = null,
        GitIdentity? author = null,
        DateTimeOffset? authorDate = null,
        DateTimeOffset? committerDate = null,
        GitIdentity? committer = null,
        bool sign = false)
    {
        if (files is null || files.Count == 0)
        {
            var number = ++_fileCounter;
            files = new Dictionary<string, string> { [$"changes/{number}.txt"] = $"change {number}\n" };
        }

        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(WorkTree, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        Git("add", "-A");
        var when = authorDate ?? committerDate ?? new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var environment = Identity(author ?? GitIdentity.Default, committer ?? author ?? GitIdentity.Default, when, committerDate ?? when);
        Git(environment, [.. SigningOptions(sign), "commit", "--quiet", "--allow-empty", sign ? "-S" : "--no-gpg-sign", "-m", message]);
        return Head();
    }

    /// <summary>The commit HEAD names.</summary>
    public string Head() => Git("rev-parse", "HEAD").Trim();

    /// <summary>Creates branch <paramref name="name"/> at HEAD (or at <paramref name="startPoint"/>) and switches to it.</summary>
    public void CreateBranch(string name, string? startPoint = null) =>
        Git(["checkout", "--quiet", "-b", name, .. startPoint is null ? Array.Empty<string>() : [startPoint]]);

    public void Checkout(string name) => Git("checkout", "--quiet", name);

    /// <summary>
    /// Merges <paramref name="branch"/> into the current branch with a merge commit (<c>--no-ff</c>) whose message is
    /// <paramref name="message"/> (GitHub's is <c>Merge pull request #12 from user/branch</c>); returns the merge's id.
    /// </summary>
    public string Merge(string branch, string message, GitIdentity? author = null, DateTimeOffset? date = null, GitIdentity? committer = null)
    {
        var when = date ?? new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Git(Identity(author ?? GitIdentity.Default, committer ?? author ?? GitIdentity.Default, when, when), "merge", "--quiet", "--no-ff", "--no-gpg-sign", "-m", message, branch);
        return Head();
    }

    /// <summary>GitHub's merge message for pull request <paramref name="number"/> from <paramref name="branch"/>.</summary>
    public static string PullRequestMergeMessage(int number, string branch, string title = "A change") =>
        $"Merge pull request #{number} from {branch}\n\n{title}\n";

    /// <summary>
    /// A pull request squash-merged in GitHub's web interface: one commit <c>Title (#N)</c> by the request's author,
    /// committed by GitHub (<c>noreply@github.com</c>); returns its id.
    /// </summary>
    public string SquashMerge(int number, string title, GitIdentity author, DateTimeOffset date) =>
        Commit($"{title} (#{number})", author: author, authorDate: date, committer: GitIdentity.GitHub);

    /// <summary>A lightweight tag at HEAD (or at <paramref name="target"/>).</summary>
    public void LightweightTag(string name, string? target = null) =>
        Git(["tag", name, .. target is null ? Array.Empty<string>() : [target]]);

    /// <summary>
    /// An annotated tag at HEAD (or at <paramref name="target"/>) with tagger <paramref name="tagger"/> dated
    /// <paramref name="date"/>; SSH-signed with the repository's throwaway key when <paramref name="sign"/>.
    /// </summary>
    public void AnnotatedTag(string name, string message, DateTimeOffset date, bool sign = false, string? target = null, GitIdentity? tagger = null)
    {
        var who = tagger ?? GitIdentity.Default;
        var environment = Identity(who, who, date, date);
        Git(environment, [.. SigningOptions(sign), "tag", sign ? "-s" : "-a", name, "-m", message, .. target is null ? Array.Empty<string>() : [target]]);
    }

    /// <summary>Packs every object and ref (<c>git gc</c>, then <c>repack -ad</c>): the reader must then use the pack and <c>packed-refs</c>.</summary>
    public void Pack()
    {
        Git("gc", "--quiet", "--prune=now");
        Git("repack", "-adq");
        Git("pack-refs", "--all");
    }

    /// <summary>A copy of the repository as it stands (loose objects stay loose), for comparing loose and packed reads.</summary>
    public string CopyTo(string name)
    {
        var target = Path.Combine(Root, name);
        Run(Root, null, null, "cp", "-a", WorkTree, target);
        return target;
    }

    /// <summary><c>git clone --depth <paramref name="depth"/> file://…</c> of the repository into <c>Root/name</c>; returns its work tree.</summary>
    public string CloneShallow(int depth, string name = "shallow")
    {
        var target = Path.Combine(Root, name);
        Run(Root, BaseEnvironment(), null, "git", "clone", "--quiet", "--no-local", "--depth", depth.ToString(CultureInfo.InvariantCulture), "file://" + WorkTree, target);
        return target;
    }

    /// <summary>The posture context over the work tree <paramref name="workTree"/> (default: this repository's), judged at <paramref name="now"/>.</summary>
    public PostureContext Context(DateTimeOffset now, string? workTree = null)
    {
        var path = workTree ?? WorkTree;
        return new PostureContext(PostureContext.OpenProject(path), GitRepository.Open(path), now);
    }

    /// <summary>Runs git in the work tree with the isolated environment; returns its standard output.</summary>
    public string Git(params string[] args) => Git(null, args);

    public string Git(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var merged = BaseEnvironment();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return Encoding.UTF8.GetString(Run(WorkTree, merged, null, "git", args));
    }

    /// <summary>Runs git in the work tree feeding <paramref name="input"/> to its standard input (<c>git fast-import</c>).</summary>
    public string GitWithInput(Stream input, params string[] args) => Encoding.UTF8.GetString(Run(WorkTree, BaseEnvironment(), input, "git", args));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The throwaway SSH key signed tags and commits use, made on first use with ssh-keygen.</summary>
    private string SigningKey()
    {
        if (_signingKey is null)
        {
            var key = Path.Combine(Home, "signing-key");
            Run(Home, BaseEnvironment(), null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "signer@example.org", "-f", key);
            _signingKey = key;
        }

        return _signingKey;
    }

    private string[] SigningOptions(bool sign) => sign ? ["-c", "gpg.format=ssh", "-c", $"user.signingkey={SigningKey()}"] : [];

    private static Dictionary<string, string> Identity(GitIdentity author, GitIdentity committer, DateTimeOffset authorDate, DateTimeOffset committerDate) => new()
    {
        ["GIT_AUTHOR_NAME"] = author.Name,
        ["GIT_AUTHOR_EMAIL"] = author.Email,
        ["GIT_AUTHOR_DATE"] = GitDate(authorDate),
        ["GIT_COMMITTER_NAME"] = committer.Name,
        ["GIT_COMMITTER_EMAIL"] = committer.Email,
        ["GIT_COMMITTER_DATE"] = GitDate(committerDate),
    };

    private Dictionary<string, string> BaseEnvironment() => new()
    {
        ["HOME"] = Home,
        ["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config"),
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_ALLOW_PROTOCOL"] = "file",
        ["GIT_AUTHOR_NAME"] = GitIdentity.Default.Name,
        ["GIT_AUTHOR_EMAIL"] = GitIdentity.Default.Email,
        ["GIT_COMMITTER_NAME"] = GitIdentity.Default.Name,
        ["GIT_COMMITTER_EMAIL"] = GitIdentity.Default.Email,
    };

    private static byte[] Run(string directory, IReadOnlyDictionary<string, string>? environment, Stream? input, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) => errors.AppendLine(line.Data);
        process.BeginErrorReadLine();
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        try
        {
            input?.CopyTo(process.StandardInput.BaseStream);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the program stopped reading (it failed): its exit code and its own words say why, below
        }
        reading.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {errors}");
        return output.ToArray();
    }
}
