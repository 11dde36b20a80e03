using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Metadata;

namespace Kingsnake.Packaging.Tests.Metadata;

public sealed class CoreMetadataTests
{
    [Fact]
    public void Headers_with_continuations_repeats_and_the_body_left_out()
    {
        var metadata = CoreMetadata.Parse("""
            Metadata-Version: 2.1
            Name: requests
            Version: 2.31.0
            Summary: Python HTTP for Humans.
            License: Apache 2.0
                    with a continued line
            Requires-Dist: charset-normalizer (<4,>=2)
            Requires-Dist: PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'
            Provides-Extra: socks
            description-content-type: text/markdown

            Name: not-a-header-this-is-the-body
            """);
        Assert.Equal(("requests", "2.31.0"), (metadata.Name, metadata.Version));
        Assert.Equal(3, metadata.LineOf("version"));
        Assert.Equal("Apache 2.0\nwith a continued line", metadata.Get("License"));
        Assert.Equal(["charset-normalizer (<4,>=2)", "PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'"], metadata.RequiresDist);
        Assert.Equal(["socks"], metadata.ProvidesExtra);
        Assert.Equal("text/markdown", metadata.Get("Description-Content-Type"));
    }

    [Fact]
    public void Bytes_stop_at_the_blank_line_so_a_body_that_is_not_UTF8_is_never_decoded()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFMetadata-Version: 2.1\r\nName: caf\u00e9\r\nVersion: 1.0\r\n\r\n").Concat(new byte[] { 0xFF, 0xFE, (byte)'x' }).ToArray();
        var metadata = CoreMetadata.Parse(bytes);
        Assert.Equal(("caf\u00e9", "1.0"), (metadata.Name, metadata.Version));
        Assert.Equal(2, metadata.LineOf("Name"));
    }

    [Fact]
    public void Invalid_UTF8_in_the_headers_names_its_line()
    {
        byte[] bytes = [.. "Name: a\nVersion: 1\nSummary: "u8, 0xC3, 0x28, .. "\n\nbody"u8];
        var error = Assert.Throws<InputFormatException>(() => CoreMetadata.Parse(bytes));
        Assert.Equal(3, error.Line);
        Assert.Contains("invalid UTF-8 in metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_endless_header_line_is_refused_not_buffered()
    {
        var bytes = Encoding.ASCII.GetBytes("Name: " + new string('a', CoreMetadata.MaxHeaderCharacters + 10));
        var error = Assert.Throws<InputFormatException>(() => CoreMetadata.Parse(bytes));
        Assert.Contains("metadata headers longer than", error.Message, StringComparison.Ordinal);
    }
}
