using Kingsnake.Core.Suppression;

namespace Kingsnake.Core.Tests.Suppression;

/// <summary>Ignore comments: Kingsnake's own (a bare ignore names every rule, any case) and zizmor's shape (a closed list, exact case).</summary>
public sealed class InlineSuppressionTests
{
    [Theory]
    [InlineData("x = 1  # kingsnake: ignore[PY101, shell-true]", new[] { "PY101", "shell-true" })]
    [InlineData("x = 1  #Kingsnake:IGNORE [PY101]", new[] { "PY101" })]
    [InlineData("x = 1  # kingsnake: ignore", new string[0])]
    [InlineData("x = 1  # kingsnake: ignore[PY101", new[] { "PY101" })]
    [InlineData("x = '#'  # other # kingsnake: ignore[DEP001]", new[] { "DEP001" })]
    public void Kingsnake_comments_list_their_names(string line, string[] names) =>
        Assert.Equal(names, InlineSuppression.Parse(line));

    [Theory]
    [InlineData("x = 1  # noqa: S101")]
    [InlineData("x = 1  # kingsnake ignore[PY101]")]
    [InlineData("x = 1")]
    public void Other_lines_have_none(string line) => Assert.Null(InlineSuppression.Parse(line));

    [Theory]
    [InlineData("  - run: make  # zizmor: ignore[template-injection]", "# zizmor: ignore[template-injection]")]
    [InlineData("  - run: make  #zizmor:ignore[a,b]", "# zizmor: ignore[a,b]")]
    [InlineData("  - run: make  # zizmor: ignore", null)]
    [InlineData("  - run: make  # zizmor: ignore [template-injection]", null)]
    [InlineData("  - run: make  # zizmor: ignore[template-injection", null)]
    [InlineData("  - run: make  # Zizmor: ignore[template-injection]", null)]
    public void Zizmor_comments_need_a_closed_list_in_its_case(string line, string? text)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        Assert.Equal(text, InlineSuppression.At(line, hash, "zizmor", listRequired: true, StringComparison.Ordinal)?.Text);
    }
}
