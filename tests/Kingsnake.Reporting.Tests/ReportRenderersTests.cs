using Kingsnake.Reporting.Terminal;

namespace Kingsnake.Reporting.Tests;

public sealed class ReportRenderersTests
{
    [Theory]
    [InlineData("terminal", "terminal")]
    [InlineData("json", "json")]
    [InlineData("sarif", "sarif")]
    [InlineData("markdown", "markdown")]
    [InlineData("github", "github")]
    [InlineData("SARIF", "sarif")]
    [InlineData("HTML", "html")]
    [InlineData(" md ", "markdown")]
    [InlineData("text", "terminal")]
    public void Get_finds_each_format_case_insensitively(string name, string format)
    {
        Assert.Equal(format, ReportRenderers.Get(name).Format);
    }

    [Fact]
    public void Every_listed_format_has_a_renderer_that_renders_a_full_report()
    {
        foreach (var format in ReportRenderers.Formats)
        {
            var renderer = ReportRenderers.Get(format);
            Assert.Equal(format, renderer.Format);
            Assert.StartsWith(".", renderer.FileExtension, StringComparison.Ordinal);
            Assert.NotEmpty(renderer.RenderToString(SampleReports.Full()));
        }
    }

    [Fact]
    public void Unknown_format_is_refused_with_the_known_ones_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportRenderers.Get("pdf"));
        Assert.Contains("'pdf'", error.Message, StringComparison.Ordinal);
        Assert.Contains("terminal, json, sarif, markdown", error.Message, StringComparison.Ordinal);
        Assert.False(ReportRenderers.TryGet("xml", null, out _));
    }

    [Fact]
    public void Options_reach_the_terminal_renderer()
    {
        var renderer = Assert.IsType<TerminalRenderer>(ReportRenderers.Get("terminal", new RenderOptions { Color = true, Width = 80 }));
        Assert.True(renderer.Options.Color);
        Assert.Equal(80, renderer.Options.Width);
    }

    [Fact]
    public void Render_leaves_the_stream_open_and_writes_nothing_before_it()
    {
        foreach (var format in ReportRenderers.Formats)
        {
            using var stream = new MemoryStream();
            stream.Write("prefix\n"u8);
            ReportRenderers.Get(format).Render(SampleReports.Empty(), stream);
            Assert.True(stream.CanWrite);
            var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            Assert.StartsWith("prefix\n", text, StringComparison.Ordinal);
            Assert.True(text.Length > 7);
            Assert.NotEqual('\uFEFF', text[7]);
        }
    }
}
