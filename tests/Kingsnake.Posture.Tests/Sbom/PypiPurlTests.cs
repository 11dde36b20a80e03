using Kingsnake.Posture.Sbom;

namespace Kingsnake.Posture.Tests.Sbom;

/// <summary>Cases from the purl specification's PyPI definition and test suite (names, qualifiers, encoding).</summary>
public sealed class PypiPurlTests
{
    [Theory]
    [InlineData("Django_package", "1.11.1", "pkg:pypi/django-package@1.11.1")]
    [InlineData("django", "1.11.1", "pkg:pypi/django@1.11.1")]
    [InlineData("zope.interface", "6.0", "pkg:pypi/zope.interface@6.0")]
    [InlineData("local", "1.0+ubuntu.1", "pkg:pypi/local@1.0%2Bubuntu.1")]
    [InlineData("flask", null, "pkg:pypi/flask")]
    public void Name_and_version(string name, string? version, string expected) =>
        Assert.Equal(expected, PypiPurl.Create(name, version));

    [Fact]
    public void Qualifiers_are_sorted_encoded_and_empty_ones_dropped() =>
        Assert.Equal(
            "pkg:pypi/django@1.11.1?file_name=Django-1.11.1.tar.gz&repository_url=https:%2F%2Fexample.org%2Fsimple",
            PypiPurl.Create("Django", "1.11.1", [new("repository_url", "https://example.org/simple"), new("file_name", "Django-1.11.1.tar.gz"), new("download_url", "")]));
}
