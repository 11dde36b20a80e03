using Kingsnake.Code.Configuration;
using Kingsnake.Code.Engine;

namespace Kingsnake.Code.Tests.Engine;

/// <summary>Which files are test code, and where pytest's configuration says tests live.</summary>
public class TestCodeTests
{
    [Theory]
    [InlineData("test_app.py")]
    [InlineData("pkg/test_models.py")]
    [InlineData("pkg/models_test.py")]
    [InlineData("conftest.py")]
    [InlineData("pkg/tests.py")]
    [InlineData("tests/helpers.py")]
    [InlineData("src/pkg/test/data.py")]
    [InlineData("testing/util.py")]
    public void Test_code_by_name_or_directory(string path) => Assert.True(TestCode.Contains(path));

    [Theory]
    [InlineData("app/main.py")]
    [InlineData("pkg/testutils.py")] // not test_*
    [InlineData("pkg/contest.py")]
    [InlineData("latest/main.py")] // a directory ending in "test" is not "test"
    [InlineData("tests_data.py")]
    [InlineData("pkg/attest/x.py")]
    [InlineData("pkg/mytests/x.py")]
    public void Other_code_is_not_test_code(string path) => Assert.False(TestCode.Contains(path));

    [Fact]
    public void Configured_test_directories_match_whole_leading_segments()
    {
        Assert.True(TestCode.Contains("qa/login.py", ["qa"]));
        Assert.True(TestCode.Contains("qa/deep/login.py", ["qa/"]));
        Assert.True(TestCode.Contains("src/checks/x.py", ["src/checks"]));
        Assert.False(TestCode.Contains("qa2/login.py", ["qa"]));
        Assert.False(TestCode.Contains("app/qa/login.py", ["qa"]));
        Assert.False(TestCode.Contains("qa", ["qa"]));
        Assert.False(TestCode.Contains("app/main.py", ["."])); // "." would make everything test code
        Assert.False(TestCode.Contains("app/main.py", [""]));
    }

    [Fact]
    public void Ini_testpaths_are_read_from_the_pytest_section_with_continuation_lines()
    {
        Assert.Equal(["qa", "checks", "integration"], PytestTestPaths.FromIni("[pytest]\naddopts = -q\ntestpaths = qa ./checks/\n    integration\n\n[other]\ntestpaths = nope\n"));
        Assert.Equal(["a", "b"], PytestTestPaths.FromIni("[pytest]\r\ntestpaths: a\r\n  b\r\n"));
        Assert.Equal(["t"], PytestTestPaths.FromIni("[pytest]\ntestpaths = t\n# testpaths = commented\npython_files = *_check.py\n  more\n"));
        Assert.Equal(["w/x"], PytestTestPaths.FromIni("[pytest]\ntestpaths = w\\x\n"));
        Assert.Empty(PytestTestPaths.FromIni("[tool:pytest]\ntestpaths = qa\n"));
        Assert.Empty(PytestTestPaths.FromIni("testpaths = qa\n"));
        Assert.Empty(PytestTestPaths.FromIni(""));
    }
}
