using Kingsnake.Packaging.Markers;

namespace Kingsnake.Packaging.Tests.Markers;

public sealed class MarkerTests
{
    private static readonly MarkerEnvironment Linux311 = MarkerEnvironment.ForPython("3.11.7");

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var marker = Marker.Parse("os_name == 'nt' and python_version < '3' or python_version >= '3.11'");
        Assert.True(marker.Evaluate(Linux311));
        Assert.False(marker.Evaluate(MarkerEnvironment.ForPython("3.10")));
    }

    [Fact]
    public void Versions_compare_as_versions_and_other_values_as_strings()
    {
        Assert.True(Marker.Parse("python_version > '3.9'").Evaluate(Linux311)); // as strings "3.11" < "3.9"
        Assert.True(Marker.Parse("python_full_version == '3.11.*'").Evaluate(Linux311));
        Assert.True(Marker.Parse("sys_platform < 'm'").Evaluate(Linux311));
        Assert.True(Marker.Parse("'lin' in sys_platform").Evaluate(Linux311));
    }

    [Fact]
    public void Extra_names_are_normalized_on_both_sides()
    {
        var marker = Marker.Parse("extra == 'Test_Utils'");
        Assert.Equal("extra == \"test-utils\"", marker.ToString());
        Assert.True(marker.Evaluate(Linux311.WithExtra("test.utils")));
        Assert.False(marker.Evaluate(Linux311));
    }

    [Fact]
    public void A_version_operand_against_a_non_version_value_fails_as_in_packaging()
    {
        // packaging 24.1 raises InvalidVersion here instead of falling back to string comparison.
        var marker = Marker.Parse("platform_release >= '5.0'");
        var environment = Linux311 with { PlatformRelease = "6.18.44-fc-v657" };
        Assert.False(marker.TryEvaluate(environment, out _, out var error));
        Assert.Equal("Invalid version: '6.18.44-fc-v657'", error);
        Assert.Throws<MarkerEvaluationException>(() => marker.Evaluate(environment));
        Assert.Null(marker.EvaluatePartial(environment.Get)); // unknown, not a crash
    }

    [Fact]
    public void Partial_evaluation_uses_three_valued_logic()
    {
        var marker = Marker.Parse("python_version >= '3.8' and (sys_platform == 'win32' or platform_release == '10')");
        Func<string, string?> onlyPython = name => name == "python_version" ? "3.11" : null;
        Assert.Null(marker.EvaluatePartial(onlyPython)); // may apply
        Func<string, string?> oldPython = name => name == "python_version" ? "3.7" : null;
        Assert.False(marker.EvaluatePartial(oldPython)); // false and unknown is false
        Func<string, string?> windows = name => name switch { "python_version" => "3.11", "sys_platform" => "win32", _ => null };
        Assert.True(marker.EvaluatePartial(windows)); // true or unknown is true
    }

    [Fact]
    public void Prints_like_packaging()
    {
        Assert.Equal("python_version < \"3.8\"", Marker.Parse("((python_version<'3.8'))").ToString());
        Assert.Equal("(os_name == \"a\" or os_name == \"b\") and python_version > \"3\"",
            Marker.Parse("(os_name=='a' or os_name=='b') and python_version>'3'").ToString());
        Assert.Equal("platform_python_implementation == \"CPython\"", Marker.Parse("python_implementation == 'CPython'").ToString());
        Assert.Equal("os_name == \"posix\"", Marker.Parse("os.name == 'posix'").ToString());
    }

    [Fact]
    public void Syntax_errors_have_packagings_message_and_caret()
    {
        Assert.False(Marker.TryParse("os_name = 'a'", out _, out string error));
        Assert.Equal("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    os_name = 'a'\n            ^", error);
    }

    [Fact]
    public void Environment_factory_fills_a_plausible_cpython()
    {
        var windows = MarkerEnvironment.ForPython("3.12", "win32");
        Assert.Equal("3.12", windows.PythonVersion);
        Assert.Equal("3.12.0", windows.PythonFullVersion);
        Assert.Equal("nt", windows.OsName);
        Assert.Equal("Windows", windows.PlatformSystem);
        Assert.Equal("AMD64", windows.PlatformMachine);
        Assert.Equal("cpython", windows.ImplementationName);
        Assert.True(Marker.Parse("platform_system == 'Windows' and implementation_name == 'cpython'").Evaluate(windows));
        Assert.Equal(["os_name", "python_version"], Marker.Parse("os_name == 'a' or python_version > '3'").Variables.Order());
    }

    [Fact]
    public void Comparisons_of_a_variable_are_listed_from_either_side_and_inside_groups()
    {
        var marker = Marker.Parse("python_full_version >= '3.8.1' and ('3.9.2' != python_full_version or (sys_platform == 'win32' and python_full_version in '3.10.0 3.10.1'))");
        Assert.Equal([(">=", "3.8.1"), ("!=", "3.9.2"), ("in", "3.10.0 3.10.1")], marker.ComparisonsOf("python_full_version"));
        Assert.Equal([("==", "win32")], marker.ComparisonsOf("sys_platform"));
        Assert.Empty(marker.ComparisonsOf("python_version"));
    }
}
