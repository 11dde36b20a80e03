using Kingsnake.Core.Suppression.Ruff;

namespace Kingsnake.Core.Tests.Suppression.Ruff;

/// <summary>File exemptions, with answers checked against ruff 0.17.4 (a file of the comment then <c>assert x</c>).</summary>
public sealed class RuffFileExemptionTests
{
    [Theory]
    [InlineData("# ruff: noqa", "")]
    [InlineData("# flake8: noqa", "")]
    [InlineData("# ruff: NOQA", "")]
    [InlineData("    # ruff: noqa", "")]
    [InlineData("# ruff : noqa", "")]
    [InlineData("# ruff: noqa # generated file", "")]
    [InlineData("# ruff: noqa S101", "")]
    [InlineData("# ruff: noqa because generated", "")]
    [InlineData("# ruff: noqa  : S101", "S101")]
    [InlineData("# ruff: noqa: S101", "S101")]
    [InlineData("#ruff:noqa:S101", "S101")]
    [InlineData("# ruff: noqa: S101, S102", "S101,S102")]
    [InlineData("# ruff: noqa: S101 reviewed in #1234", "S101")]
    [InlineData("# flake8: noqa: S101", "S101")]
    public void Reads_file_exemptions(string line, string codes)
    {
        var exemption = RuffFileExemption.Parse(line, 3);
        Assert.NotNull(exemption);
        Assert.Equal(codes, string.Join(',', exemption.Codes));
        Assert.Equal(3, exemption.Line);
    }

    [Theory]
    [InlineData("x = 1  # ruff: noqa")]
    [InlineData("# FLAKE8: NOQA")]
    [InlineData("# Ruff: noqa")]
    [InlineData("# ruff: noqa:")]
    [InlineData("# ruff: noqaS101")]
    [InlineData("# ruff: noqa;")]
    [InlineData("# noqa")]
    public void Other_lines_are_no_exemption(string line) => Assert.Null(RuffFileExemption.Parse(line, 1));
}
