using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Discovery;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Scripts;
using Kingsnake.Dependencies.Targets;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Targets;

public sealed class SupportedPythonReaderTests
{
    [Fact]
    public void Requires_python_of_the_project_table_with_its_position()
    {
        using var project = new TempDirectory();
        project.Write("pyproject.toml", "[project]\nname = \"demo\"\nrequires-python = \">=3.9\"\n");
        project.Write("setup.cfg", "[options]\npython_requires = >=3.6\n");

        var (python, errors) = SupportedPythonReader.ReadProject(project.Path);

        Assert.Empty(errors);
        Assert.Equal(">=3.9", python.Specifier);
        Assert.Equal(new SourceSpan("pyproject.toml", 3, 19), python.DeclaredAt);
        Assert.Equal(9, python.LowestMinor);
        Assert.Equal(new Version(3, 9), python.Lowest);
    }

    [Fact]
    public void Setup_cfg_is_read_when_pyproject_declares_nothing()
    {
        using var project = new TempDirectory();
        project.Write("pyproject.toml", "[build-system]\nrequires = [\"setuptools>=61\"]\n\n[project]\nname = \"demo\"\ndynamic = [\"requires-python\"]\n");
        project.Write("setup.cfg", "[metadata]\nname = demo\n\n[options]\npackages = find:\npython_requires = >=3.8\ninstall_requires =\n    requests\n");

        var (python, errors) = SupportedPythonReader.ReadProject(project.Path);

        Assert.Empty(errors);
        Assert.Equal(">=3.8", python.Specifier);
        Assert.Equal(new SourceSpan("setup.cfg", 6, 19), python.DeclaredAt);
        Assert.Equal(8, python.LowestMinor);
    }

    /// <summary>As setuptools' configparser reads it: either delimiter, any key case, dashes, continuation lines, comments.</summary>
    [Theory]
    [InlineData("[options]\npython_requires: >=3.10\n", ">=3.10", 2, 18)]
    [InlineData("[options]\nPython-Requires = >=3.7, <4\n", ">=3.7, <4", 2, 19)]
    [InlineData("[options]\n# python_requires = >=2.7\npython_requires =\n    >=3.9,\n    <4\nzip_safe = False\n", ">=3.9, <4", 3, 18)]
    [InlineData("[options.extras_require]\npython_requires = >=3.6\n[options]\npython_requires=>=3.11\n", ">=3.11", 4, 17)]
    public void Setup_cfg_options(string text, string specifier, int line, int column)
    {
        var errors = new List<InputError>();
        var python = SupportedPythonReader.FromSetupCfg(text, "setup.cfg", (at, message) => errors.Add(new InputError(at, message)));
        Assert.Empty(errors);
        Assert.Equal(specifier, python.Specifier);
        Assert.Equal(new SourceSpan("setup.cfg", line, column), python.DeclaredAt);
    }

    [Fact]
    public void Setup_cfg_without_options_declares_nothing()
    {
        var python = SupportedPythonReader.FromSetupCfg("[metadata]\npython_requires = >=3.8\n[tool:pytest]\naddopts = -q\n", "setup.cfg", (_, _) => Assert.Fail("no error expected"));
        Assert.False(python.IsDeclared);
        Assert.Equal(SupportedPython.NewestMinor, python.LowestMinor);
    }

    [Theory]
    [InlineData("[project]\nname = \"demo\"\nrequires-python = \">=banana\"\n", "pyproject.toml:3:19: [project] requires-python \">=banana\" is not a PEP 440 version specifier")]
    [InlineData("[project]\nrequires-python = 3.9\n", "pyproject.toml:2:19: [project] requires-python must be a string such as \">=3.9\", found")]
    public void An_invalid_value_is_an_error_for_the_file_and_the_range_is_unknown(string text, string error)
    {
        using var project = new TempDirectory();
        project.Write("pyproject.toml", text);
        project.Write("setup.cfg", "[options]\npython_requires = >=3.8\n");

        var (python, errors) = SupportedPythonReader.ReadProject(project.Path);

        Assert.StartsWith(error, Assert.Single(errors).ToString(), StringComparison.Ordinal);
        Assert.Same(SupportedPython.Undeclared, python);
    }

    [Fact]
    public void An_invalid_setup_cfg_value_is_an_error_with_its_line()
    {
        using var project = new TempDirectory();
        project.Write("setup.cfg", "[options]\npython_requires = >= 3.8 # the oldest we test\n");

        var (python, errors) = SupportedPythonReader.ReadProject(project.Path);

        Assert.False(python.IsDeclared);
        Assert.StartsWith("setup.cfg:2:19: [options] python_requires \">= 3.8 # the oldest we test\" is not a PEP 440", Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pyproject_that_is_not_toml_leaves_the_range_unknown_without_an_error_of_its_own()
    {
        using var project = new TempDirectory();
        project.Write("pyproject.toml", "[project\nrequires-python = \">=3.9\"\n");
        project.Write("setup.cfg", "[options]\npython_requires = >=3.8\n");

        var (python, errors) = SupportedPythonReader.ReadProject(project.Path);

        Assert.Empty(errors); // the dependency readers report the file, once
        Assert.False(python.IsDeclared);
    }

    [Fact]
    public void A_project_without_a_declaration_targets_the_newest()
    {
        using var project = new TempDirectory();
        var (python, errors) = SupportedPythonReader.ReadProject(project.Path);
        Assert.Empty(errors);
        Assert.Same(SupportedPython.Undeclared, python);
        Assert.Equal(new Version(3, 15), python.Lowest);
    }

    [Fact]
    public void Each_manifest_and_script_records_its_own_declaration_in_the_inventory()
    {
        using var project = new TempDirectory();
        project.Write("pyproject.toml", "[project]\nname = \"root\"\nrequires-python = \">=3.12\"\ndependencies = [\"rich\"]\n");
        project.Write("packages/legacy/pyproject.toml", "[project]\nname = \"legacy\"\nrequires-python = \">=3.8\"\ndependencies = [\"requests\"]\n");
        project.Write("packages/other/pyproject.toml", "[project]\nname = \"other\"\ndependencies = [\"click\"]\n");
        project.Write("tools/fetch.py", "#!/usr/bin/env python3\n# /// script\n# requires-python = \">=3.10\"\n# dependencies = [\"httpx\"]\n# ///\nimport httpx\n");
        project.Write("tools/broken.py", "# /// script\n# requires-python = \"3.10+\"\n# dependencies = [\"httpx\"]\n# ///\n");

        var inventory = DependencyReader.Read(DependencyInputs.ForProject(project.Path), cancellationToken: TestContext.Current.CancellationToken);

        var declared = inventory.DeclaredPython.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Specifier, p.Value.LowestMinor, p.Value.DeclaredAt)).ToList();
        Assert.Equal(
            [
                ("packages/legacy/pyproject.toml", ">=3.8", 8, new SourceSpan("packages/legacy/pyproject.toml", 3, 19)),
                ("pyproject.toml", ">=3.12", 12, new SourceSpan("pyproject.toml", 3, 19)),
                ("tools/fetch.py", ">=3.10", 10, new SourceSpan("tools/fetch.py", 3, 21)),
            ],
            declared);
        var error = Assert.Single(inventory.Errors);
        Assert.StartsWith("tools/broken.py:2:21: script metadata: requires-python \"3.10+\" is not a PEP 440 version specifier", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_read_alone_declares_its_range()
    {
        using var project = new TempDirectory();
        var path = project.Write("job.py", "# /// script\n# requires-python = \"~=3.11\"\n# ///\nprint(1)\n");
        var inventory = InlineScriptReader.Read(path);
        Assert.Equal(11, inventory.DeclaredPython["job.py"].LowestMinor);
        Assert.Empty(inventory.Errors);
    }
}
