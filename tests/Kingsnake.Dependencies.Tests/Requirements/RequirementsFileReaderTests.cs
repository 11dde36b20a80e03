using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Requirements;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Requirements;

public sealed class RequirementsFileReaderTests
{
    [Fact]
    public void Pins_give_versions_and_ranges_leave_them_unset()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("requirements.txt", """
            requests==2.31.0
            Flask[async]>=2.0,<3
            numpy==1.*
            legacy===1.0-custom
            urllib3 ; python_version < "3.10"
            """);
        var inventory = RequirementsFileReader.Read(path);
        Assert.Empty(inventory.Errors);
        var byName = inventory.Components.ToDictionary(c => c.NormalizedName);
        Assert.Equal("2.31.0", byName["requests"].Version);
        Assert.Null(byName["flask"].Version);
        Assert.Equal(">=2.0,<3", byName["flask"].Specifier);
        Assert.Equal(["async"], byName["flask"].Extras);
        Assert.Null(byName["numpy"].Version);
        Assert.Equal("1.0-custom", byName["legacy"].Version);
        Assert.Equal("python_version < \"3.10\"", byName["urllib3"].Marker);
        Assert.Equal(new Kingsnake.Core.Findings.SourceSpan("requirements.txt", 2, 1), byName["flask"].Location);
        Assert.All(inventory.Components, c => Assert.Equal(ComponentSource.Requirements, c.Source));
    }

    [Fact]
    public void Includes_are_relative_to_the_including_file_and_constraints_are_marked()
    {
        using var dir = new TempDirectory();
        dir.Write("requirements/base.txt", "requests==2.31.0\n-c ../constraints/pins.txt\n");
        dir.Write("constraints/pins.txt", "urllib3==2.0.7\n-r extra.txt\n");
        dir.Write("constraints/extra.txt", "idna==3.4\n");
        var main = dir.Write("requirements/dev.txt", "-r base.txt\npytest==8.0.0\n");
        var inventory = RequirementsFileReader.Read(main, dir.Path);
        Assert.Empty(inventory.Errors);
        var byName = inventory.Components.ToDictionary(c => c.NormalizedName);
        Assert.Equal(["requests", "urllib3", "idna", "pytest"], inventory.Components.Select(c => c.NormalizedName));
        Assert.Equal("requirements/base.txt", byName["requests"].Location.Path);
        Assert.Equal(("constraint", false), (byName["urllib3"].Group, byName["urllib3"].Direct));

        // pip: -r inside a constraints file brings requirements, not constraints.
        Assert.Equal(("", true), (byName["idna"].Group, byName["idna"].Direct));
        Assert.Equal(4, inventory.Timings.Count);
    }

    [Fact]
    public void Include_cycles_are_reported_not_looped()
    {
        using var dir = new TempDirectory();
        dir.Write("a.txt", "-r b.txt\nalpha==1\n");
        dir.Write("b.txt", "beta==1\n-r a.txt\n");
        var inventory = RequirementsFileReader.Read(Path.Combine(dir.Path, "a.txt"), dir.Path);
        Assert.Equal(["beta", "alpha"], inventory.Components.Select(c => c.Name));
        var error = Assert.Single(inventory.Errors);
        Assert.Contains("cycle", error.Message);
        Assert.Equal(("b.txt", 2), (error.Location.Path, error.Location.StartLine));
    }

    [Fact]
    public void Self_include_and_missing_include_are_errors_with_the_line()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("r.txt", "x==1\n-r r.txt\n-r nowhere.txt\ny==2\n");
        var inventory = RequirementsFileReader.Read(path);
        Assert.Equal(["x", "y"], inventory.Components.Select(c => c.Name));
        Assert.Equal([2, 3], inventory.Errors.Select(e => e.Location.StartLine));
    }

    [Fact]
    public void Include_depth_is_limited()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 30; i++)
        {
            dir.Write($"r{i}.txt", $"-r r{i + 1}.txt\npkg{i}==1\n");
        }

        var inventory = RequirementsFileReader.Read(Path.Combine(dir.Path, "r0.txt"), dir.Path, new DependencyReadOptions { MaxIncludeDepth = 5 });
        Assert.Contains(inventory.Errors, e => e.Message.Contains("nested deeper", StringComparison.Ordinal));
        Assert.Equal(6, inventory.Components.Count);
    }

    [Fact]
    public void Urls_paths_wheels_and_editables()
    {
        using var dir = new TempDirectory();
        dir.Write("libs/local-lib/pyproject.toml", "[project]\nname = \"Local_Lib\"\nversion = \"0.1\"\n");
        var path = dir.Write("requirements.txt", """
            -e ./libs/local-lib[dev]
            -e git+https://github.com/org/tool.git@v1.2#egg=cool-tool
            ./wheels/Pillow-10.2.0-cp311-cp311-manylinux_2_28_x86_64.whl
            https://files.example.org/packages/attrs-23.1.0.tar.gz
            mylib @ https://example.org/mylib-2.0-py3-none-any.whl ; python_version >= "3.8"
            file:./libs/local-lib
            git+https://github.com/org/unnamed.git
            """);
        var inventory = RequirementsFileReader.Read(path);
        Assert.Empty(inventory.Errors);
        var c = inventory.Components;
        Assert.Equal(7, c.Count);
        Assert.Equal(("Local_Lib", "local-lib", true, "./libs/local-lib"), (c[0].Name, c[0].NormalizedName, c[0].Editable, c[0].Url));
        Assert.Equal(["dev"], c[0].Extras);
        Assert.Equal(("cool-tool", true, null), (c[1].Name, c[1].Editable, c[1].Version));
        Assert.Equal(("Pillow", "10.2.0"), (c[2].Name, c[2].Version));
        Assert.Equal(("attrs", "23.1.0"), (c[3].Name, c[3].Version));
        Assert.Equal(("mylib", "2.0", "https://example.org/mylib-2.0-py3-none-any.whl"), (c[4].Name, c[4].Version, c[4].Url));
        Assert.Equal("python_version >= \"3.8\"", c[4].Marker);
        Assert.Equal("Local_Lib", c[5].Name);
        Assert.Equal("unnamed", c[6].Name);
        Assert.Contains(inventory.Notes, n => n.Message.Contains("guessed", StringComparison.Ordinal) && n.Location.StartLine == 7);
    }

    [Fact]
    public void Local_folders_without_a_static_name_are_named_after_the_folder_and_uninstallable_ones_are_errors()
    {
        // As requests' requirements-dev.txt: `-e .[socks]` beside a setup.py-only project, which pip accepts
        // (it learns the name by building). A folder with neither setup.py nor pyproject.toml pip refuses:
        // "Directory '.' is not installable. Neither 'setup.py' nor 'pyproject.toml' found."
        using var dir = new TempDirectory();
        dir.Write("my-proj/setup.py", "from setuptools import setup\nsetup(name=about['__title__'])\n");
        dir.Write("my-proj/pyproject.toml", "[tool.isort]\nprofile = \"black\"\n");
        dir.Write("my-proj/docs/conf.py", "");
        var path = dir.Write("my-proj/requirements-dev.txt", "-e .[socks]\npytest>=2.8.0,<9\n./docs\n");
        var inventory = RequirementsFileReader.Read(path);
        Assert.Equal(["my-proj", "pytest"], inventory.Components.Select(c => c.Name));
        Assert.Equal((true, ".", "socks"), (inventory.Components[0].Editable, inventory.Components[0].Url, inventory.Components[0].Extras.Single()));
        Assert.Contains(inventory.Notes, n => n.Message.Contains("guessed from its folder", StringComparison.Ordinal) && n.Location.StartLine == 1);
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(("requirements-dev.txt", 3), (error.Location.Path, error.Location.StartLine));
        Assert.Contains("not installable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_pip_refuses_are_errors_at_their_line_and_the_rest_is_read()
    {
        // pip 24.2: a missing path is "Invalid requirement ... It looks like a path. File ... does not exist",
        // `-e` of one "is not a valid editable requirement"; "x.whl" "is not a valid wheel filename";
        // a URL's bad marker raises InvalidMarker.
        using var dir = new TempDirectory();
        var path = dir.Write("requirements.txt", """
            ./no-such-dir
            -e ./no-such-dir
            no-such-dir/
            ./no-such.whl
            https://example.org/x.tar.gz#egg=x ; python_version >< '3'
            https://example.org/y.tar.gz#egg=y ; python_version>='3'
            ./wheels/Pillow-10.2.0-cp311-cp311-manylinux_2_28_x86_64.whl
            """);
        var inventory = RequirementsFileReader.Read(path);
        Assert.Equal([1, 2, 3, 4, 5], inventory.Errors.Select(e => e.Location.StartLine));
        Assert.All(inventory.Errors.Take(3), e => Assert.Contains("does not exist", e.Message, StringComparison.Ordinal));
        Assert.Contains("wheel file name", inventory.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("invalid marker", inventory.Errors[4].Message, StringComparison.Ordinal);

        // A URL's marker is recorded as packaging prints it, as for PEP 508 requirements; a missing archive pip only warns about.
        Assert.Equal(["y", "Pillow"], inventory.Components.Select(c => c.Name));
        Assert.Equal("python_version >= \"3\"", inventory.Components[0].Marker);
    }

    [Fact]
    public void Invalid_utf8_and_oversized_files_are_errors_naming_the_file()
    {
        using var dir = new TempDirectory();
        var bad = dir.WriteBytes("bad.txt", [.. "ok==1\n"u8, 0xC3, 0x28, (byte)'\n']);
        var inventory = RequirementsFileReader.Read(bad);
        var error = Assert.Single(inventory.Errors);
        Assert.Contains("UTF-8", error.Message);
        Assert.Equal(("bad.txt", 2), (error.Location.Path, error.Location.StartLine));

        var big = dir.Write("big.txt", new string('#', 2000));
        var limited = RequirementsFileReader.Read(big, options: new DependencyReadOptions { MaxFileBytes = 1000 });
        Assert.Contains("limit", Assert.Single(limited.Errors).Message);
    }

    [Fact]
    public void A_bad_line_does_not_lose_the_others()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("requirements.txt", "good==1.0\n!!!\nalso-good==2.0\n");
        var inventory = RequirementsFileReader.Read(path);
        Assert.Equal(["good", "also-good"], inventory.Components.Select(c => c.Name));
        Assert.Equal(2, Assert.Single(inventory.Errors).Location.StartLine);
    }
}
