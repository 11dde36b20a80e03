using System.Globalization;
using System.Text;

namespace Kingsnake.Posture.Tests.Support;

/// <summary>
/// A large repository for the history checks, made in seconds with <c>git fast-import</c> from a generated stream
/// (one pack, no work-tree churn), then checked out: 9,000 commits over 750 days, 50 workflow files, release tags.
/// Every figure its checks should give follows from the layout below and is worked out by hand in the constants.
/// <list type="bullet">
/// <item>Commit n (0 … 8,999, in creation order) is dated <c>now − (9,000 − n)·2 h</c>, author and committer alike.</item>
/// <item>Commits 0 … 7,999 are linear. Commit 0 adds 50 workflows, a README and <c>pyproject.toml</c>; commit n
/// changes <c>src/module_{n % 100}.py</c>. Authors by <c>n % 10</c>: 0–3 alice@alpha.io, 4–6 bob@beta.dev, 7–8
/// carol@gmail.com, 9 dependabot[bot].</item>
/// <item>Then 500 pull requests k = 0 … 499: a commit on branch <c>feature</c> from the main tip (by bob@beta.dev for
/// even k, carol@gmail.com for odd k), then its merge into main (<c>Merge pull request #k from …</c>), merged by alice
/// except when k % 5 == 0, where the branch's author merges it.</item>
/// <item>Annotated, unsigned tags v0.1.0 … v0.8.0 on commits 999, 1,999, …, 7,999; on the merges of requests 100, 200,
/// 300, 400 and 499: v1.0.0 (SSH-signed), v1.1.0 (SSH-signed), v1.2.0 (annotated, unsigned), v1.3.0 (lightweight),
/// v1.4.0 (SSH-signed), each tag dated with its commit.</item>
/// </list>
/// </summary>
public static class LargeRepository
{
    public const int CommitCount = 9_000;
    public const int LinearCommits = 8_000;
    public const int PullRequests = 500;
    public const int WorkflowFiles = 50;

    /// <summary>The last 30 commits were all committed in the last 60 hours; the root is 750 days old: min(10, floor(10·30/12)) = 10.</summary>
    public const int MaintainedScore = 10;

    /// <summary>The last 30 commits are requests 485 … 499 (merge and branch commit each); 485, 490, 495 self-merged: floor(10·12/15) = 8.</summary>
    public const int CodeReviewScore = 8;

    /// <summary>alice@alpha.io and bob@beta.dev have ≥ 5 commits; carol uses gmail.com, dependabot is a bot: floor(10·2/3) = 6.</summary>
    public const int ContributorsScore = 6;

    /// <summary>v1.4.0 signed, v1.3.0 lightweight, v1.2.0 unsigned, v1.1.0 and v1.0.0 signed: floor(8·3/5) = 4.</summary>
    public const int SignedReleasesScore = 4;

    private static readonly (string Name, string Email)[] Authors =
    [
        ("Alice Maintainer", "alice@alpha.io"),
        ("Bob Builder", "bob@beta.dev"),
        ("Carol Contributor", "carol@gmail.com"),
        ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
    ];

    /// <summary>Builds the repository, judged at <paramref name="now"/> (the dates are relative to it).</summary>
    public static TestRepository Build(DateTimeOffset now)
    {
        var repository = TestRepository.Create();
        try
        {
            var start = now.ToUnixTimeSeconds() - CommitCount * 7200L;
            var marksFile = Path.Combine(repository.Root, "marks");
            using (var stream = new MemoryStream())
            {
                WriteStream(stream, start);
                stream.Position = 0;
                repository.GitWithInput(stream, "fast-import", "--quiet", "--export-marks=" + marksFile);
            }

            // ":<index + 1> <id>" per commit
            var ids = File.ReadLines(marksFile).Select(line => line.Split(' ')).ToDictionary(parts => int.Parse(parts[0][1..], CultureInfo.InvariantCulture) - 1, parts => parts[1]);
            repository.Git("reset", "--quiet", "--hard", "main");
            foreach (var (name, request) in new[] { ("v1.0.0", 100), ("v1.1.0", 200), ("v1.4.0", 499) })
            {
                var index = MergeIndex(request);
                repository.AnnotatedTag(name, $"Release {name}", DateTimeOffset.FromUnixTimeSeconds(start + index * 7200L), sign: true, target: ids[index]);
            }
            return repository;
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>The creation index of request <paramref name="k"/>'s merge commit (its branch commit is the one before).</summary>
    public static int MergeIndex(int k) => LinearCommits + 2 * k + 1;

    private static void WriteStream(Stream stream, long start)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        string Person((string Name, string Email) who, int index) =>
            string.Create(CultureInfo.InvariantCulture, $"{who.Name} <{who.Email}> {start + index * 7200L} +0000");

        void Data(string text)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(text)}\n"));
            writer.Write(text);
            writer.Write('\n');
        }

        void Commit(string branch, int index, (string, string) author, (string, string) committer, string message, int? from, int? merge, Action files)
        {
            writer.Write($"commit refs/heads/{branch}\nmark :{index + 1}\n");
            writer.Write($"author {Person(author, index)}\ncommitter {Person(committer, index)}\n");
            Data(message);
            if (from is { } parent)
            {
                writer.Write($"from :{parent + 1}\n");
            }

            if (merge is { } other)
            {
                writer.Write($"merge :{other + 1}\n");
            }

            files();
            writer.Write('\n');
        }

        void AddFile(string path, string content)
        {
            writer.Write($"M 100644 inline {path}\n");
            Data(content);
        }

        void AnnotatedTag(string name, int index)
        {
            writer.Write($"tag {name}\nfrom :{index + 1}\ntagger {Person(Authors[0], index)}\n");
            Data($"Release {name}\n"); // a tag command has no closing blank line of its own
        }

        for (var n = 0; n < LinearCommits; n++)
        {
            var author = (n % 10) switch
            {
                < 4 => Authors[0],
                < 7 => Authors[1],
                < 9 => Authors[2],
                _ => Authors[3],
            };
            var index = n;
            Commit("main", n, author, author, $"Change {n}\n", n == 0 ? null : n - 1, null, () =>
            {
                if (index == 0)
                {
                    for (var w = 0; w < WorkflowFiles; w++)
                    {
                        AddFile($".github/workflows/ci-{w:00}.yml", Workflow(w));
                    }

                    AddFile("README.md", "# large\n");
                    AddFile("pyproject.toml", "[project]\nname = \"large\"\nversion = \"1.4.0\"\n");
                }

                AddFile($"src/module_{index % 100}.py", $"VALUE = {index}\n");
            });
            if ((n + 1) % 1000 == 0)
            {
                AnnotatedTag($"v0.{(n + 1) / 1000}.0", n);
            }
        }

        var mainTip = LinearCommits - 1;
        for (var k = 0; k < PullRequests; k++)
        {
            var branchIndex = LinearCommits + 2 * k;
            var mergeIndex = branchIndex + 1;
            var author = k % 2 == 0 ? Authors[1] : Authors[2];
            var merger = k % 5 == 0 ? author : Authors[0];
            var request = k;
            Commit("feature", branchIndex, author, author, $"Feature {k}\n", mainTip, null, () => AddFile($"src/feature_{request % 50}.py", $"FEATURE = {request}\n"));
            Commit("main", mergeIndex, merger, merger, $"Merge pull request #{k} from {author.Email[..author.Email.IndexOf('@')]}/feature-{k}\n\nFeature {k}\n", mainTip, branchIndex, () => { });
            mainTip = mergeIndex;
            if (k == 300)
            {
                AnnotatedTag("v1.2.0", mergeIndex);
            }

            if (k == 400)
            {
                writer.Write($"reset refs/tags/v1.3.0\nfrom :{mergeIndex + 1}\n\n");
            }
        }

        writer.Flush();
    }

    private static string Workflow(int number) =>
        $"""
        name: ci-{number:00}
        on: [push, pull_request]
        permissions:
          contents: read
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
              - run: python -m pytest -q tests/part_{number:00}

        """;
}
