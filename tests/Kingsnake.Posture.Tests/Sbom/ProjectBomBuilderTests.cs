using Kingsnake.Posture.Sbom;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Tests.Sbom;

public sealed class ProjectBomBuilderTests
{
    private static BomComponent Named(BomDocument document, string name) => document.Components.Single(c => c.Name == name);

    private static IReadOnlyList<string> EdgesOf(BomDocument document, BomComponent component) =>
        document.Dependencies.Single(d => d.Ref == component.Ref).DependsOn;

    [Fact]
    public void Uv_lock_project()
    {
        var result = ProjectBomBuilder.Build(SbomTestFiles.DependencyData("uv"), SbomTestFiles.Fixed);
        var document = result.Document;
        Assert.Equal(("cli-tool", "0.3.0", "application"), (document.Root.Name, document.Root.Version, document.Root.Type));
        Assert.Equal(10, document.Components.Count);
        Assert.Equal(BomLifecycle.PreBuild, document.Lifecycle);

        // Root edges: the project's own dependency (rich), its extra (pyyaml) and dev group (pytest). pyyaml is also a
        // runtime dependency of the workspace member shared-lib, so it is required, not optional.
        Assert.Equal(["pytest", "pyyaml", "rich"], document.Dependencies[0].DependsOn.Select(r => document.Components.Single(c => c.Ref == r).Name).Order());
        Assert.Equal(BomScope.Excluded, Named(document, "pytest").Scope);
        Assert.Equal(BomScope.Excluded, Named(document, "pluggy").Scope);
        Assert.Equal(BomScope.Required, Named(document, "pyyaml").Scope);
        Assert.Equal(BomScope.Required, Named(document, "rich").Scope);
        Assert.Equal([Named(document, "markdown-it-py").Ref, Named(document, "pygments").Ref], EdgesOf(document, Named(document, "rich")));
        Assert.Empty(EdgesOf(document, Named(document, "mdurl")));

        // 13 files in the lock: 7 packages with one file (that file's hash is the component's), 3 with two.
        Assert.Equal(7, document.Components.Count(c => c.Hashes.Count == 1));
        Assert.Equal(13, document.Components.Sum(c => c.ExternalReferences.Count(r => r.Type == "distribution")));
        var rich = Named(document, "rich");
        Assert.Empty(rich.Hashes);
        Assert.All(rich.ExternalReferences, r => Assert.StartsWith("https://files.pythonhosted.org/", r.Url, StringComparison.Ordinal));
        Assert.Equal("pkg:pypi/rich@13.7.1", rich.Purl);
        SbomTestFiles.AssertGraphWellFormed(document);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Poetry_lock_project()
    {
        var result = ProjectBomBuilder.Build(SbomTestFiles.DependencyData("poetry-2"), SbomTestFiles.Fixed);
        Assert.Empty(result.Errors);
        var document = result.Document;
        Assert.Equal(("api-service", "1.0.0"), (document.Root.Name, document.Root.Version));
        Assert.Equal(13, document.Components.Count);
        Assert.Equal(BomCompleteness.Complete, document.Completeness);
        Assert.Equal(["httpx", "pydantic", "ruff"], document.Dependencies[0].DependsOn.Select(r => document.Components.Single(c => c.Ref == r).Name).Order());
        Assert.Equal(BomScope.Excluded, Named(document, "ruff").Scope);
        Assert.Equal(15, document.Dependencies.Skip(1).Sum(d => d.DependsOn.Count));

        // poetry.lock gives file names, not URLs: 16 files, 10 packages with exactly one.
        Assert.Equal(16, document.Components.Sum(c => c.ExternalReferences.Count(r => r.Type == "distribution")));
        Assert.Equal(10, document.Components.Count(c => c.Hashes.Count == 1));
        var certifi = Named(document, "certifi");
        Assert.Equal(["certifi-2024.7.4-py3-none-any.whl", "certifi-2024.7.4.tar.gz"], certifi.ExternalReferences.Select(r => r.Url));
        Assert.All(certifi.ExternalReferences, r => Assert.Equal("SHA-256", r.Hashes.Single().Algorithm));
        Assert.Equal("httpx-0.27.0-py3-none-any.whl", Named(document, "httpx").FileName);
        Assert.Equal("71d5465162c13681bff01ad59b2cc68dd838ea1f10e51574bac27103f00c91a5", Named(document, "httpx").Hashes.Single().Hex);
        SbomTestFiles.AssertGraphWellFormed(document);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Pdm_lock_project_with_an_extra_and_a_dev_group()
    {
        var document = ProjectBomBuilder.Build(SbomTestFiles.DependencyData("pdm"), SbomTestFiles.Fixed).Document;
        Assert.Equal(("data-pipeline", "0.2.0"), (document.Root.Name, document.Root.Version));
        Assert.Equal(15, document.Components.Count);
        Assert.Equal(["boto3", "pandas", "pytest"], document.Dependencies[0].DependsOn.Select(r => document.Components.Single(c => c.Ref == r).Name).Order());
        Assert.Equal(BomScope.Required, Named(document, "pandas").Scope);
        Assert.Equal(BomScope.Optional, Named(document, "boto3").Scope); // the s3 extra
        Assert.Equal(BomScope.Optional, Named(document, "s3transfer").Scope);
        Assert.Equal(BomScope.Excluded, Named(document, "pytest").Scope); // the test dev group
        Assert.Equal(["botocore", "jmespath", "s3transfer"], EdgesOf(document, Named(document, "boto3")).Select(r => document.Components.Single(c => c.Ref == r).Name));
        SbomTestFiles.AssertGraphWellFormed(document);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Requirements_project_pins_hashes_and_unresolved_entries()
    {
        using var dir = new ScratchDirectory();
        dir.Write("requirements.txt", """
            requests==2.31.0 \
                --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f \
                --hash=sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1
            idna==3.7 --hash=sha256:82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0
            flask>=2.3,<3
            git+https://github.com/example/tool@0123456789abcdef0123456789abcdef01234567#egg=tool
            """);
        var result = ProjectBomBuilder.Build(dir.Path, SbomTestFiles.Fixed);
        var document = result.Document;
        Assert.Equal(4, document.Components.Count);
        Assert.Equal(BomCompleteness.Incomplete, document.Completeness);

        var requests = Named(document, "requests");
        Assert.Empty(requests.Hashes); // two hashes: two candidate files, neither selected
        var candidates = requests.ExternalReferences.Single(r => r.Type == "distribution");
        Assert.Equal("https://pypi.org/project/requests/2.31.0/#files", candidates.Url);
        Assert.Equal(2, candidates.Hashes.Count);
        Assert.Equal("82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0", Named(document, "idna").Hashes.Single().Hex);

        var flask = Named(document, "flask");
        Assert.Null(flask.Version);
        Assert.Equal(">=2.3,<3", flask.VersionSpecifier);
        Assert.Equal("pkg:pypi/flask", flask.Purl);

        var tool = Named(document, "tool");
        Assert.Equal("pkg:pypi/tool?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fexample%2Ftool%400123456789abcdef0123456789abcdef01234567", tool.Purl);
        Assert.Equal("https://github.com/example/tool", tool.ExternalReferences.Single(r => r.Type == "vcs").Url);

        Assert.Equal(4, document.Dependencies[0].DependsOn.Count);
        Assert.All(document.Dependencies.Skip(1), d => Assert.Empty(d.DependsOn));
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Declared_dependencies_alone_are_unresolved_and_design_time()
    {
        using var dir = new ScratchDirectory();
        dir.Write("pyproject.toml", """
            [project]
            name = "Tiny_App"
            version = "0.1.0"
            dependencies = ["httpx>=0.27", "click"]

            [project.optional-dependencies]
            cli = ["rich>=13"]

            [dependency-groups]
            test = ["pytest>=8"]
            """);
        var document = ProjectBomBuilder.Build(dir.Path, SbomTestFiles.Fixed).Document;
        Assert.Equal("pkg:pypi/tiny-app@0.1.0", document.Root.Purl);
        Assert.Equal(BomLifecycle.Design, document.Lifecycle);
        Assert.Equal(BomCompleteness.Incomplete, document.Completeness);
        Assert.All(document.Components, c => Assert.Null(c.Version));
        Assert.Equal(">=0.27", Named(document, "httpx").VersionSpecifier);
        Assert.Equal(BomScope.Optional, Named(document, "rich").Scope);
        Assert.Equal(BomScope.Excluded, Named(document, "pytest").Scope);
        Assert.Equal(BomScope.Required, Named(document, "click").Scope);
        SbomTestFiles.AssertValidEverywhere(document);
    }

    [Fact]
    public void Serial_and_timestamp_are_fresh_unless_given()
    {
        var dir = SbomTestFiles.DependencyData("uv");
        var a = ProjectBomBuilder.Build(dir).Document;
        var b = ProjectBomBuilder.Build(dir).Document;
        Assert.NotEqual(a.SerialNumber, b.SerialNumber);
        Assert.Equal(("kingsnake", "0.1.0"), (a.ToolName, a.ToolVersion)); // <Version> in Directory.Build.props
        Assert.Equal(0, a.Timestamp.Millisecond);
        var fixedA = ProjectBomBuilder.Build(dir, SbomTestFiles.Fixed).Document;
        Assert.Equal(SbomTestFiles.Fixed.SerialNumber, fixedA.SerialNumber);
        Assert.Equal(DateTimeOffset.UnixEpoch, fixedA.Timestamp);
    }
}
