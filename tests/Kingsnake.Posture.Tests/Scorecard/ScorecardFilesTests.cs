using System.Diagnostics;
using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class ScorecardFilesTests
{
    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }

    [Fact]
    public void In_a_git_work_tree_the_files_are_those_HEAD_tracks_under_the_project()
    {
        using var tree = new TempTree();
        var elf = File.ReadAllBytes("/bin/true");
        tree.WriteBytes("tools/prebuilt/helper", elf); // tracked, outside the project below
        tree.Write("service/pyproject.toml", "[project]\nname = \"service\"\nversion = \"1\"\n");
        tree.WriteBytes("service/build/lib/_native.so", elf); // tracked build output: the walk skips build/, Scorecard does not
        tree.Write("service/LICENSE-MIT", "MIT License\n");
        Git(tree.Root, "init", "-q");
        Git(tree.Root, "add", "-A");
        Git(tree.Root, "commit", "-q", "-m", "initial");
        tree.WriteBytes("service/untracked.so", elf); // never committed: not in the repository Scorecard reads
        tree.WriteBytes("service/.venv/lib/python3.12/site-packages/x.so", elf);

        var project = Path.Combine(tree.Root, "service");
        var context = new PostureContext(ProjectTree.Open(project), GitRepository.Open(tree.Root), TempTree.FixedNow);
        var result = new BinaryArtifactsCheck().Run(context);

        Assert.Equal(["build/lib/_native.so"], result.Evidence.Select(e => e.Path));
        Assert.Equal(9, result.Score);
        Assert.Equal(10, new LicenseCheck().Run(context).Score);
    }

    [Fact]
    public void Without_git_the_directory_is_listed_without_caches_and_environments()
    {
        using var tree = new TempTree();
        var elf = File.ReadAllBytes("/bin/true");
        tree.WriteBytes("tools/tool", elf);
        tree.WriteBytes("dist/built.so", elf); // build output of a local build: without git, not the project's own
        tree.WriteBytes("src/pkg/__pycache__/mod.cpython-312.pyc", [0xCB, 0x0D, 0x0D, 0x0A, 0, 0, 0, 0]);
        tree.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        tree.WriteBytes(".venv/lib/python3.12/site-packages/x.so", elf);
        tree.Write("env2/pyvenv.cfg", "home = /usr/bin\n");
        tree.WriteBytes("env2/bin/python", elf);
        tree.WriteBytes(".tox/py312/bin/python", elf);
        var result = new BinaryArtifactsCheck().Run(tree.Context());
        Assert.Equal(["tools/tool"], result.Evidence.Select(e => e.Path));
    }
}
