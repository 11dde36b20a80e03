using Kingsnake.Dependencies.Environments;

namespace Kingsnake.Dependencies.Tests.Environments;

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
}
