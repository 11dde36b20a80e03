using System.Globalization;
using Kingsnake.Project.Git;

namespace Kingsnake.Project.Tests.Git;

/// <summary>Compares what Kingsnake reads from a repository with what git itself prints for the same repository.</summary>
internal static class GitDifferential
{
    private const string LogFormat = "--format=%H%x1f%T%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B";

    public static string Iso(DateTimeOffset when) => when.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Asserts <paramref name="ours"/> is git's <c>rev-list</c> from HEAD commit for commit, in git's order, with the same
    /// parents (a shallow boundary's parents, which git hides, excepted), trees, people, dates with their offsets, and messages.
    /// </summary>
    public static void AssertSameAsGit(string workTree, IReadOnlyList<GitCommit> ours, int maxCount, GitObjectStore? store = null, params string[] revisionArgs)
    {
        string[] revision = revisionArgs.Length == 0 ? ["HEAD"] : revisionArgs;
        var revList = GitCli.Run(workTree, ["--no-replace-objects", "rev-list", $"--max-count={maxCount}", "--parents", .. revision])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToList();
        Assert.Equal(revList.Select(line => line[0]), ours.Select(commit => commit.Id));
        for (var i = 0; i < ours.Count; i++)
        {
            if (store?.IsShallowBoundary(ours[i].Id) == true)
            {
                Assert.Single(revList[i]); // git shows the cut commit parentless; its object still names the parents
                Assert.NotEmpty(ours[i].ParentIds);
                continue;
            }

            Assert.Equal(revList[i][1..], ours[i].ParentIds);
        }

        var log = GitCli.Run(workTree, ["--no-replace-objects", "log", $"--max-count={maxCount}", "-z", LogFormat, .. revision])
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ours.Count, log.Length);
        for (var i = 0; i < ours.Count; i++)
        {
            var fields = log[i].Split('\x1f');
            var commit = ours[i];
            Assert.Equal(fields[0], commit.Id);
            Assert.Equal(fields[1], commit.TreeId);
            Assert.Equal((fields[2], fields[3], fields[4]), (commit.Author.Name, commit.Author.Email, Iso(commit.Author.When)));
            Assert.Equal((fields[5], fields[6], fields[7]), (commit.Committer.Name, commit.Committer.Email, Iso(commit.Committer.When)));
            Assert.Equal(fields[8].TrimEnd('\n'), commit.Message.TrimEnd('\n'));
        }
    }
}
