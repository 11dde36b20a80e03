using Kingsnake.Packaging.Requirements;

namespace Kingsnake.Packaging.Tests.Requirements;

public sealed class RequirementTests
{
    [Fact]
    public void Parses_every_part()
    {
        var requirement = Requirement.Parse("Zope.Interface [Security, test_x] (>=1.0, !=1.5.*) ; python_version < \"3.11\" and extra == 'Docs'");
        Assert.Equal("Zope.Interface", requirement.Name);
        Assert.Equal("zope-interface", requirement.NormalizedName);
        Assert.Equal(["security", "test-x"], requirement.Extras.Order());
        Assert.Equal(["Security", "test_x"], requirement.RawExtras);
        Assert.Equal("!=1.5.*,>=1.0", requirement.Specifier.ToString());
        Assert.Null(requirement.Url);
        Assert.Equal("python_version < \"3.11\" and extra == \"Docs\"", requirement.Marker!.ToString());
        Assert.Equal("Zope.Interface[Security,test_x]!=1.5.*,>=1.0; python_version < \"3.11\" and extra == \"Docs\"", requirement.ToString());
    }

    [Fact]
    public void Url_requirements_print_like_packaging()
    {
        var requirement = Requirement.Parse("pip @ https://example.com/pip-24.0.whl ; os_name == 'posix'");
        Assert.Equal("https://example.com/pip-24.0.whl", requirement.Url);
        Assert.True(requirement.Specifier.IsEmpty);
        Assert.Equal("pip@ https://example.com/pip-24.0.whl ; os_name == \"posix\"", requirement.ToString());
    }

    [Fact]
    public void Errors_name_the_problem_and_its_column()
    {
        Assert.False(Requirement.TryParse("name >= 1.0.*", out _, out RequirementError? error));
        Assert.Equal(".* suffix can only be used with `==` or `!=` operators", error!.Message);
        Assert.Equal(5, error.Position);
        Assert.Equal(".* suffix can only be used with `==` or `!=` operators\n    name >= 1.0.*\n         ~~~~~~~^", error.ToString()); // checked against packaging 24.1

        Assert.False(Requirement.TryParse("name[a b]", out _, out error));
        Assert.Equal("Expected comma between extra names", error!.Message);
        Assert.Equal(8, error.Syntax!.Column); // 1-based
    }

    [Fact]
    public void Deeply_nested_marker_parentheses_are_an_error_not_a_stack_overflow()
    {
        var hostile = "name ; " + new string('(', 100_000) + "os_name == 'a'" + new string(')', 100_000);
        Assert.False(Requirement.TryParse(hostile, out _, out string error));
        Assert.Contains("nested too deeply", error, StringComparison.Ordinal);
        Assert.True(Requirement.TryParse("name ; " + new string('(', 150) + "os_name == 'a'" + new string(')', 150), out _));
    }

    [Fact]
    public void A_specifier_the_tokenizer_accepts_can_still_be_refused()
    {
        // "===" takes everything up to whitespace, so the set sees "===" and "foo" and refuses the second.
        Assert.False(Requirement.TryParse("name===,foo", out _, out string error));
        Assert.Equal("Invalid specifier: 'foo'", error);
    }
}

public sealed class HostileRequirementTests
{
    [Fact]
    public void Huge_inputs_are_handled_in_linear_time_without_crashing()
    {
        var manyClauses = "name" + string.Concat(Enumerable.Repeat(">=1.0,", 50_000)) + "<2";
        Assert.True(Requirement.TryParse(manyClauses, out var requirement));
        Assert.Equal(2, requirement.Specifier.Count);

        var manyTerms = "name ; " + string.Concat(Enumerable.Repeat("os_name == 'a' or ", 50_000)) + "os_name == 'posix'";
        Assert.True(Requirement.TryParse(manyTerms, out requirement));
        Assert.True(requirement.Marker!.Evaluate(Kingsnake.Packaging.Markers.MarkerEnvironment.ForPython("3.12")));

        Assert.False(Requirement.TryParse("name ; os_name == '" + new string('x', 1_000_000), out _, out string error));
        Assert.StartsWith("Expected a marker variable or quoted string", error, StringComparison.Ordinal);
    }
}
