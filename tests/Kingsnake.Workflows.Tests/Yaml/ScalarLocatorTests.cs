using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Tests.Yaml;

public sealed class ScalarLocatorTests
{
    private static (int, int, int, int) Locate(string text, string key)
    {
        var doc = YamlDocument.Parse(text);
        var scalar = ((YamlMapping)doc.Root!).GetScalar(key)!;
        var fenced = FencedExpression.FindAll(scalar.Value)[^1];
        var (start, end) = ScalarLocator.Locate(scalar, doc.Source, fenced.Start, fenced.End);
        Assert.Equal("${{", doc.Source.Text.Substring(start.Offset, 3));
        return (start.Line, start.Column, end.Line, end.Column);
    }

    [Fact]
    public void Plain_scalar() => Assert.Equal((1, 11, 1, 33), Locate("run: echo ${{ github.head_ref }} done\n", "run"));

    [Fact]
    public void Double_quoted_scalar() => Assert.Equal((1, 12, 1, 34), Locate("run: \"echo ${{ github.head_ref }}\"\n", "run"));

    [Fact]
    public void Literal_block_scalar() =>
        Assert.Equal((4, 9, 4, 40), Locate("x: 1\nrun: |\n  echo one\n  echo \"${{ github.event.issue.title }}\"\n  echo two\n", "run"));

    [Fact]
    public void Literal_block_with_deeper_lines() =>
        Assert.Equal((4, 9, 4, 31), Locate("run: |\n    if true; then\n      :\n      x=${{ github.head_ref }}\n    fi\n", "run"));

    [Fact]
    public void Folded_block_falls_back_to_a_verbatim_search() =>
        Assert.Equal((3, 8, 3, 30), Locate("run: >\n  echo a\n  echo ${{ github.head_ref }}\n", "run"));
}
