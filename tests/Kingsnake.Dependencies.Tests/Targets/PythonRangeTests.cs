using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Targets;
using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Dependencies.Tests.Targets;

public sealed class PythonRangeTests
{
    private static PythonRange Range(string text)
    {
        Assert.True(PythonRange.TryParse(text, out var range, out var error), error);
        return range;
    }

    private static string? Unknown(string name) => null;

    [Theory]
    [InlineData(">=3.9", 9)]
    [InlineData(">=3.8.1", 8)]
    [InlineData(">3.8", 8)]
    [InlineData("==3.8.5", 8)]
    [InlineData("~=3.10", 10)]
    [InlineData(">=3.8, !=3.8.*", 9)]
    [InlineData(">=3.7,!=3.7.0,!=3.7.1,<3.8", 7)]
    [InlineData(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*", 4)]
    [InlineData("", 0)]
    [InlineData(">=3.15", 15)]
    public void Lowest_minor_is_the_first_with_an_admitted_release(string text, int lowest)
    {
        var range = Range(text);
        Assert.Equal(lowest, range.LowestMinor);
        Assert.Equal(lowest, range.ToSupportedPython(SourceSpan.Line("pyproject.toml", 3)).LowestMinor);
    }

    [Theory]
    [InlineData("<3")]
    [InlineData(">=4")]
    [InlineData(">=3.16")]
    [InlineData("==3.8.5, ==3.9.1")]
    public void A_range_without_a_known_release_targets_the_newest_and_judges_no_marker(string text)
    {
        var range = Range(text);
        Assert.Null(range.LowestMinor);
        var declared = range.ToSupportedPython(SourceSpan.Line("pyproject.toml", 3));
        Assert.Equal(SupportedPython.NewestMinor, declared.LowestMinor);
        Assert.Equal(new Version(3, 15), declared.Lowest);
        Assert.Equal(text, declared.Specifier);
        Assert.Null(range.MayHold(Marker.Parse("python_version < '2'"), Unknown));
    }

    [Theory]
    [InlineData(">=3.12", "python_version < '3.8'", false)]
    [InlineData(">=3.12", "python_full_version < '3.8'", false)]
    [InlineData(">=3.7", "python_version < '3.8'", true)]
    [InlineData(">=3.12", "python_version >= '3.8'", true)]
    [InlineData("==3.12.*", "python_full_version >= '3.12.2'", true)]
    [InlineData(">=3.12, <3.12.2", "python_full_version >= '3.12.2'", false)]
    [InlineData(">=3.12.1", "python_full_version < '3.12.1'", false)]
    [InlineData(">=3.12.1", "python_full_version <= '3.12.1'", true)]
    [InlineData(">3.8", "python_full_version == '3.8.0'", false)]
    [InlineData(">=3.12", "python_version < '3.8' and sys_platform == 'win32'", false)]
    [InlineData(">=3.12", "python_version < '3.8' or sys_platform == 'win32'", null)]
    [InlineData(">=3.12", "python_full_version in '3.12.0 3.12.1'", null)]
    [InlineData(">=3.12", "python_version < '3.8' and python_full_version in '3.7.0 3.7.1'", false)]
    [InlineData(">=3.12", "python_version >= '3.16'", false)]
    public void A_marker_may_hold_when_some_admitted_release_satisfies_it(string range, string marker, bool? expected)
    {
        Assert.Equal(expected, Range(range).MayHold(Marker.Parse(marker), Unknown));
    }

    [Fact]
    public void Other_variables_come_from_the_caller()
    {
        var marker = Marker.Parse("python_version >= '3.12' and sys_platform == 'win32'");
        Assert.False(Range(">=3.12").MayHold(marker, name => name == "sys_platform" ? "linux" : null));
        Assert.True(Range(">=3.12").MayHold(marker, name => name == "sys_platform" ? "win32" : null));
    }

    public static TheoryData<string, string> Combinations()
    {
        string[] ranges = [">=3.8", ">=3.8.1", ">3.8", "==3.8.*", "==3.8.5", ">=3.7,<3.9", "~=3.9.2", ">=3.6,!=3.7.*,!=3.9.0", "<3.10.3,>=3.10.1", ">=3.12", "!=3.11.4", "~=3.0"];
        string[] markers =
        [
            "python_version < '3.8'", "python_version >= '3.9'", "python_version == '3.8'", "python_version != '3.8'",
            "python_full_version < '3.8.3'", "python_full_version >= '3.8.6'", "python_full_version == '3.8.5'",
            "python_full_version != '3.10.2'", "python_full_version > '3.9.2'", "python_full_version ~= '3.8.4'",
            "python_full_version == '3.10.*'", "python_full_version == '3.10.2.*'", "python_full_version === '3.9.2'",
            "python_version > '3.8' and python_full_version < '3.9.1'", "python_full_version < '3.7.2' or python_version >= '3.13'",
        ];
        var data = new TheoryData<string, string>();
        foreach (var range in ranges)
        {
            foreach (var marker in markers)
            {
                data.Add(range, marker);
            }
        }

        return data;
    }

    /// <summary>
    /// The breakpoint method against enumeration: every release 3.0.0 … 3.15.40 the range admits, each evaluated with
    /// the same marker code. They must agree exactly, and on the lowest minor version.
    /// </summary>
    [Theory]
    [MemberData(nameof(Combinations))]
    public void Agrees_with_enumerating_every_release(string rangeText, string markerText)
    {
        var range = Range(rangeText);
        var marker = Marker.Parse(markerText);
        var admitted = new List<(int Minor, int Micro)>();
        for (var minor = 0; minor <= SupportedPython.NewestMinor; minor++)
        {
            for (var micro = 0; micro <= 40; micro++)
            {
                if (range.Specifiers.Contains(PythonVersion.Parse($"3.{minor}.{micro}")))
                {
                    admitted.Add((minor, micro));
                }
            }
        }

        var holds = admitted.Any(v => marker.Evaluate(MarkerEnvironment.ForPython($"3.{v.Minor}.{v.Micro}")));
        Assert.Equal(holds, range.MayHold(marker, Unknown));
        Assert.Equal(admitted.Count == 0 ? null : admitted.Min(v => v.Minor), range.LowestMinor);
    }
}
