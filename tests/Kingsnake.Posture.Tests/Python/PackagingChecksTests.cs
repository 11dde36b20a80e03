using Kingsnake.Posture.Checks.Python;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Python;

public sealed class PackagingChecksTests
{
    private const string ModernPyProject = """
        [build-system]
        requires = ["hatchling>=1.26"]
        build-backend = "hatchling.build"

        [project]
        name = "example"
        dynamic = ["version"]
        requires-python = ">=3.10"
        dependencies = ["httpx>=0.27"]

        [tool.hatch.version]
        path = "src/example/__init__.py"
        """;

    [Fact]
    public void A_modern_pyproject_scores_10_on_backend_metadata_and_support()
    {
        using var project = new PythonProject().With("pyproject.toml", ModernPyProject);
        Assert.Equal(10, project.Run(new BuildBackendCheck()).Score);
        var metadata = project.Run(new StaticMetadataCheck());
        Assert.Equal(10, metadata.Score);
        Assert.Contains("version", metadata.Reason, StringComparison.Ordinal);
        var support = project.Run(new PythonSupportCheck());
        Assert.Equal(10, support.Score);
        Assert.Equal("requires-python admits supported 3.11, 3.12, 3.13, 3.14, 3.15", support.Reason);
        Assert.Equal(("pyproject.toml", 8), (support.Evidence[0].Path, support.Evidence[0].Line));
    }

    [Fact]
    public void A_setup_py_project_with_custom_commands_scores_low()
    {
        const string SetupPy = """
            from setuptools import setup
            from setuptools.command.install import install

            class PostInstall(install):
                def run(self):
                    install.run(self)

            setup(
                name="legacy",
                version="1.0",
                python_requires=">=2.7, !=3.0.*, !=3.1.*, <3.9",
                cmdclass={"install": PostInstall},
            )
            """;
        using var project = new PythonProject().With("setup.py", SetupPy);
        var backend = project.Run(new BuildBackendCheck());
        Assert.Equal(0, backend.Score);
        Assert.Contains(backend.Evidence, e => e.Path == "setup.py" && e.Line == 12);
        Assert.Equal(0, project.Run(new StaticMetadataCheck()).Score);

        var support = project.Run(new PythonSupportCheck());
        Assert.Equal(0, support.Score); // 3.6–3.8 are all past their end of life on 2026-11-30
        Assert.Equal(("setup.py", 11), (support.Evidence[0].Path, support.Evidence[0].Line));
        Assert.Contains("3.11, 3.12", support.NextStep, StringComparison.Ordinal);

        // judged in 2021, 3.7 and 3.8 were still supported: the time reference decides, not the clock
        Assert.Equal(10, project.Run(new PythonSupportCheck(), new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero)).Score);
    }

    [Theory]
    [InlineData("[build-system]\nrequires = [\"setuptools\"]\n", 5)]
    [InlineData("[build-system]\nrequires = [\"setuptools>=77\"]\nbuild-backend = \"setuptools.build_meta\"\n", 7)]
    public void Build_backend_partial_scores(string pyproject, int expected)
    {
        using var project = new PythonProject().With("pyproject.toml", pyproject).With("setup.py", "from setuptools import setup\nsetup(cmdclass={'build_py': BuildWithJs})\n");
        Assert.Equal(expected, project.Run(new BuildBackendCheck()).Score);
    }

    [Theory]
    [InlineData("dynamic = [\"version\", \"readme\"]", 10)]
    [InlineData("dynamic = [\"version\", \"dependencies\"]", 8)]
    [InlineData("dynamic = [\"dependencies\", \"optional-dependencies\", \"requires-python\", \"scripts\"]", 3)]
    public void Dynamic_fields_that_decide_what_installs_cost_points(string dynamic, int expected)
    {
        using var project = new PythonProject().With("pyproject.toml", $"[project]\nname = \"x\"\n{dynamic}\n");
        Assert.Equal(expected, project.Run(new StaticMetadataCheck()).Score);
    }

    [Fact]
    public void Poetry_and_setup_cfg_metadata_are_static_but_not_standard()
    {
        using var poetry = new PythonProject().With("pyproject.toml", "[tool.poetry]\nname = \"x\"\nversion = \"1.0\"\n\n[tool.poetry.dependencies]\npython = \"^3.9\"\n");
        Assert.Equal(5, poetry.Run(new StaticMetadataCheck()).Score);
        using var cfg = new PythonProject().With("setup.cfg", "[metadata]\nname = x\n\n[options]\npython_requires = >=3.11\n").With("setup.py", "from setuptools import setup\nsetup()\n");
        Assert.Equal(3, cfg.Run(new StaticMetadataCheck()).Score);
        Assert.Equal(10, cfg.Run(new PythonSupportCheck()).Score);
    }

    [Fact]
    public void Without_requires_python_the_support_check_asks_for_one()
    {
        using var project = new PythonProject().With("pyproject.toml", "[project]\nname = \"x\"\nversion = \"1\"\n");
        var result = project.Run(new PythonSupportCheck());
        Assert.Equal(5, result.Score);
        Assert.Contains("requires-python = \">=3.11\"", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_package_makes_the_packaging_checks_not_applicable()
    {
        using var project = new PythonProject().With("app.py", "print('hi')\n").With("requirements.txt", "flask==3.1.0\n");
        foreach (var check in new IPostureCheck[] { new BuildBackendCheck(), new StaticMetadataCheck(), new PythonSupportCheck(), new SbomCheck() })
        {
            Assert.Equal(CheckStatus.NotApplicable, project.Run(check).Status);
        }
    }

    [Fact]
    public void Sbom_made_with_releases_or_shipped_scores_10_a_committed_file_5()
    {
        using var made = new PythonProject().With("pyproject.toml", ModernPyProject)
            .With(".github/workflows/release.yml", "on: push\njobs:\n  sbom:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          pip install cyclonedx-bom\n          cyclonedx-py environment -o sbom.cdx.json\n");
        var result = made.Run(new SbomCheck());
        Assert.Equal(10, result.Score);
        Assert.Equal(".github/workflows/release.yml", result.Evidence[0].Path);

        using var shipped = new PythonProject().With("pyproject.toml", ModernPyProject + "\n[tool.hatch.build.targets.wheel]\nsbom-files = [\"sbom.cdx.json\"]\n");
        Assert.Equal(10, shipped.Run(new SbomCheck()).Score);

        using var committed = new PythonProject().With("pyproject.toml", ModernPyProject).With("bom.json", "{}");
        Assert.Equal(5, committed.Run(new SbomCheck()).Score);

        using var none = new PythonProject().With("pyproject.toml", ModernPyProject).With("data.json", "{}");
        var missing = none.Run(new SbomCheck());
        Assert.Equal(0, missing.Score);
        Assert.Contains("kingsnake sbom", missing.NextStep, StringComparison.Ordinal);
    }
}
