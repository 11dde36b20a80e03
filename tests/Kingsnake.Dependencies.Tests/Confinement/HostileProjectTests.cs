using System.Diagnostics;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Discovery;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Requirements;
using Kingsnake.Dependencies.Targets;
using Kingsnake.Dependencies.Tests.Support;
using Kingsnake.Project;

namespace Kingsnake.Dependencies.Tests.Confinement;

/// <summary>
/// A scanned repository is hostile input: what its files name is read only inside the project (or what the user named),
/// special files are never waited on, and nothing of a file outside reaches the inventory, its errors or its notes.
/// </summary>
public sealed class HostileProjectTests
{
    private static DependencyInventory ReadProject(string root) =>
        DependencyReader.Read(DependencyInputs.ForProject(ProjectTree.Open(root)), cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Every text the inventory carries: what a report or a log could print.</summary>
    private static string Everything(DependencyInventory inventory) => string.Join(
        '\n',
        inventory.Errors.Select(e => $"{e.Location.Path}:{e.Location.StartLine}: {e.Message}")
            .Concat(inventory.Notes.Select(n => $"{n.Location.Path}:{n.Location.StartLine}: {n.Message}"))
            .Concat(inventory.Components.Select(c => $"{c.Location.Path} {c.Name} {c.Specifier} {c.Url} {c.Marker}")));

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Theory]
    [InlineData("-r ../../../../../../../../etc/passwd")]
    [InlineData("--requirement=../../../../../../../../etc/passwd")]
    [InlineData("-c /etc/passwd")]
    [InlineData("--constraint /etc/passwd")]
    [InlineData("-r file:///etc/passwd")]
    public void An_include_out_of_the_project_is_an_error_naming_the_including_line_and_nothing_of_the_target(string include)
    {
        Assert.SkipUnless(File.Exists("/etc/passwd") && File.ReadAllText("/etc/passwd").Contains("root:", StringComparison.Ordinal), "no /etc/passwd with a root entry");
        using var dir = new TempDirectory();
        dir.Write("requirements.txt", $"flask==3.0.0\n{include}\nrequests==2.31.0\n");
        var inventory = ReadProject(dir.Path);

        var error = Assert.Single(inventory.Errors);
        Assert.Equal(("requirements.txt", 2), (error.Location.Path, error.Location.StartLine));
        Assert.Contains("outside the project", error.Message, StringComparison.Ordinal);
        Assert.Equal(["flask", "requests"], inventory.Components.Select(c => c.Name));
        Assert.DoesNotContain("root:", Everything(inventory), StringComparison.Ordinal);
        Assert.DoesNotContain(inventory.Timings, t => t.Path.Contains("passwd", StringComparison.Ordinal));
    }

    [Fact]
    public void A_requirements_file_linked_out_of_the_project_is_noted_and_not_read()
    {
        using var outside = new TempDirectory();
        var secret = outside.Write("secret.txt", "secret-package==1.0\n");
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "requirements.txt"), secret);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "inner.txt"), secret);
        dir.Write("requirements-dev.txt", "-r inner.txt\npytest==8.0.0\n");

        var inventory = ReadProject(dir.Path);
        Assert.Equal(["pytest"], inventory.Components.Select(c => c.Name));
        Assert.Contains(inventory.Notes, n => n.Location.Path == "requirements.txt" && n.Message.Contains("out of the project", StringComparison.Ordinal));
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(("requirements-dev.txt", 1), (error.Location.Path, error.Location.StartLine));
        Assert.DoesNotContain("secret-package", Everything(inventory), StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_inside_the_project_is_read_under_its_own_name()
    {
        using var dir = new TempDirectory();
        dir.Write("pins/base.txt", "idna==3.7\n");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "requirements.txt"), Path.Combine(dir.Path, "pins/base.txt"));
        var inventory = ReadProject(dir.Path);
        Assert.Empty(inventory.Errors);
        Assert.Equal(("idna", "requirements.txt"), Assert.Single(inventory.Components).Let(c => (c.Name, c.Location.Path)));
    }

    [Fact(Timeout = 30000)]
    public async Task A_fifo_named_like_a_requirements_file_or_included_by_one_does_not_hang_the_read()
    {
        using var dir = new TempDirectory();
        MakeFifo(Path.Combine(dir.Path, "requirements-dev.txt"));
        MakeFifo(Path.Combine(dir.Path, "pins.txt"));
        dir.Write("requirements.txt", "flask==3.0.0\n-r pins.txt\n");
        dir.Write("uv.lock", "version = 1\n[[package]]\nname = \"idna\"\nversion = \"3.7\"\nsource = { registry = \"https://pypi.org/simple\" }\n");

        var inventory = await Task.Run(() => ReadProject(dir.Path), TestContext.Current.CancellationToken);
        Assert.Contains(inventory.Notes, n => n.Location.Path == "requirements-dev.txt" && n.Message.Contains("FIFO", StringComparison.Ordinal));
        Assert.Contains(inventory.Errors, e => e.Location.Path == "pins.txt" && e.Message.Contains("FIFO", StringComparison.Ordinal));
        Assert.Contains(inventory.Components, c => c.Name == "flask");
        Assert.Contains(inventory.Components, c => c.Name == "idna");
    }

    [Fact(Timeout = 30000)]
    public async Task A_pyproject_linked_to_dev_zero_is_noted_and_the_other_inputs_are_still_read()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero");
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "pyproject.toml"), "/dev/zero");
        dir.Write("requirements.txt", "flask==3.0.0\n-e .\n");
        dir.Write("setup.py", "from setuptools import setup\nsetup()\n");
        dir.Write("uv.lock", "version = 1\n[[package]]\nname = \"idna\"\nversion = \"3.7\"\nsource = { registry = \"https://pypi.org/simple\" }\n");
        dir.Write("tool.py", "# /// script\n# dependencies = [\"rich==13.0.0\"]\n# ///\n");

        var project = ProjectTree.Open(dir.Path);
        var (python, _) = await Task.Run(() => SupportedPythonReader.ReadProject(project), TestContext.Current.CancellationToken);
        Assert.False(python.IsDeclared);
        var inventory = await Task.Run(
            () => DependencyReader.Read(DependencyInputs.ForProject(project), cancellationToken: TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);

        Assert.Contains(inventory.Notes, n => n.Location.Path == "pyproject.toml");
        Assert.Equal(["flask", "idna", "rich"], inventory.Components.Select(c => c.NormalizedName).Where(n => n != PathName(dir.Path)).Order(StringComparer.Ordinal));
    }

    private static string PathName(string path) => Kingsnake.Packaging.Names.PackageName.Normalize(Path.GetFileName(path));

    [Fact]
    public void A_local_project_out_of_the_project_is_not_read()
    {
        using var outside = new TempDirectory();
        outside.Write("lib/pyproject.toml", "[project]\nname = \"outside-secret-name\"\n");
        using var dir = new TempDirectory();
        var relative = Path.GetRelativePath(dir.Path, Path.Combine(outside.Path, "lib"));
        dir.Write("requirements.txt", $"-e {relative}\nflask==3.0.0\n");

        var inventory = ReadProject(dir.Path);
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(("requirements.txt", 1), (error.Location.Path, error.Location.StartLine));
        Assert.DoesNotContain("outside-secret-name", Everything(inventory), StringComparison.Ordinal);
        Assert.Equal(["flask"], inventory.Components.Select(c => c.Name));
    }

    [Fact]
    public void A_file_the_user_named_may_include_beside_itself_but_not_beyond()
    {
        using var shared = new TempDirectory();
        shared.Write("base.txt", "idna==3.7\n");
        shared.Write("deeper/secret.txt", "secret-package==1.0\n");
        var named = shared.Write("deeper/named/requirements.txt", "-r ../../base.txt\n-r sibling.txt\n");
        shared.Write("deeper/named/sibling.txt", "attrs==23.1.0\n");
        using var dir = new TempDirectory();

        var inventory = DependencyReader.Read(DependencyInputs.ForPaths(dir.Path, named), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["attrs"], inventory.Components.Select(c => c.Name));
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(1, error.Location.StartLine);
        Assert.Contains("outside the project", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_cycles_through_the_project_are_still_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("requirements.txt", "-r requirements/dev.txt\nalpha==1\n");
        dir.Write("requirements/dev.txt", "-r ../requirements.txt\nbeta==1\n");
        var inventory = ReadProject(dir.Path);
        Assert.Contains(inventory.Errors, e => e.Message.Contains("include cycle", StringComparison.Ordinal));
        Assert.Equal(["alpha", "beta"], inventory.Components.Select(c => c.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_project_file_is_opened_once_and_scripts_are_probed_from_the_shared_content()
    {
        using var dir = new TempDirectory();
        dir.Write("pyproject.toml", "[project]\nname = \"app\"\nrequires-python = \">=3.10\"\ndependencies = [\"requests==2.31.0\"]\n");
        dir.Write("uv.lock", "version = 1\n[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n");
        dir.Write("poetry.lock", "[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\n");
        dir.Write("requirements.txt", "-e .\n-r requirements-dev.txt\n");
        dir.Write("requirements-dev.txt", "pytest==8.0.0\n");
        dir.Write("tool.py", "# /// script\n# dependencies = [\"rich==13.0.0\"]\n# ///\n");
        dir.Write("app.py", "print(1)\n");

        var project = ProjectTree.Open(dir.Path);
        var discovered = DependencyDiscovery.Discover(project);
        Assert.Contains(discovered.Inputs, i => i.Kind == DependencyFileKind.Script && i.Path.EndsWith("tool.py", StringComparison.Ordinal));
        Assert.DoesNotContain(discovered.Inputs, i => i.Path.EndsWith("app.py", StringComparison.Ordinal));
        Assert.Equal(2, project.OpenedFiles); // both .py files, each read once and kept for the code audit

        var (python, _) = SupportedPythonReader.ReadProject(project);
        var inventory = DependencyReader.Read(DependencyInputs.ForProject(project), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(python.IsDeclared);
        Assert.Empty(inventory.Errors);
        Assert.Contains(inventory.Components, c => c.Name == "app" && c.Editable);
        Assert.Equal(project.Files.Count, project.OpenedFiles); // seven files, seven opens, however many readers consulted pyproject.toml
        Assert.Equal(7, project.OpenedFiles);
    }
}

internal static class TestExtensions
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> map) => map(value);
}
