using Kingsnake.Core.Suppression.Ruff;

namespace Kingsnake.Core.Tests.Suppression.Ruff;

/// <summary>
/// <c># noqa</c> as ruff reads it. The expected answers were checked against ruff 0.17.4 (its WebAssembly build, with
/// <c>select = ["S"]</c>, on <c>assert x</c> followed by each comment): where ruff still reported S101 the directive is
/// invalid or does not name S101.
/// </summary>
public sealed class NoqaCommentTests
{
    [Theory]
    [InlineData("assert x  # noqa", "")]
    [InlineData("assert x  #noqa", "")]
    [InlineData("assert x  # NOQA", "")]
    [InlineData("assert x  # noqa because the value is checked above", "")]
    [InlineData("assert x  # noqa # second comment", "")]
    [InlineData("# noqa", "")]
    [InlineData("assert x  # noqa: S101", "S101")]
    [InlineData("assert x  #noqa:S101", "S101")]
    [InlineData("assert x  # noqa:S102,S101", "S102,S101")]
    [InlineData("assert x  # noqa: S102, S101", "S102,S101")]
    [InlineData("assert x  # noqa: S102 S101", "S102,S101")]
    [InlineData("assert x  # noqa : S101", "S101")]
    [InlineData("assert x  # noqa: S101 - checked by the caller", "S101")]
    [InlineData("assert x  # noqa: S102 Because S101", "S102")]
    [InlineData("assert x  # type: ignore # noqa: S101", "S101")]
    [InlineData("assert x  # noqa: S101S102", "S101,S102")]
    [InlineData("assert x  # noqa: S1", "S1")]
    public void Reads_every_spelling_ruff_accepts(string line, string codes)
    {
        var noqa = NoqaComment.Parse(line);
        Assert.NotNull(noqa);
        Assert.Equal(codes, string.Join(',', noqa.Codes));
        Assert.Equal(codes.Length == 0, noqa.IsBlanket);
        Assert.Equal('#', line[noqa.Column - 1]);
    }

    [Theory]
    [InlineData("assert x")]
    [InlineData("assert x  # noqa:")]
    [InlineData("assert x  # noqa: s101")]
    [InlineData("assert x  # noqaS101")]
    [InlineData("assert x  # noqa: S101; why")]
    [InlineData("assert x  # noqa: S101Fabc")]
    [InlineData("assert x  # no qa")]
    public void Invalid_or_absent_directives_suppress_nothing(string line) => Assert.Null(NoqaComment.Parse(line));

    [Fact]
    public void Text_is_the_directive_as_written()
    {
        Assert.Equal("# noqa: S602, S603", NoqaComment.Parse("run(cmd)  # noqa: S602, S603")!.Text);
        Assert.Equal("#NOQA", NoqaComment.Parse("run(cmd)  #NOQA")!.Text);
    }
}
