using Kingsnake.Posture.Checks.Scorecard;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class LicenseCheckTests
{
    private static readonly LicenseCheck Check = new();

    private const string MitText = "MIT License\n\nCopyright (c) 2024 Sample\n\nPermission is hereby granted, free of charge, to any person obtaining a copy...\n";

    [Theory]
    [InlineData("LICENSE", 9)]
    [InlineData("LICENSE.txt", 9)]
    [InlineData("licence.md", 9)]
    [InlineData("COPYING", 9)]
    [InlineData("COPYING.LESSER", 9)] // an id, but not an SPDX one
    [InlineData("LICENSE-MIT", 10)]
    [InlineData("LICENSE.Apache-2.0.txt", 10)]
    [InlineData("MIT-LICENSE.txt", 10)]
    [InlineData("LICENSES/Apache-2.0.txt", 10)]
    [InlineData("LICENSES/LicenseRef-Proprietary.txt", 9)]
    [InlineData("docs/LICENSE", 0)] // not in the root
    [InlineData("README.md", 0)]
    public void Licence_file_names(string path, int expected)
    {
        using var tree = new TempTree();
        tree.Write(path, MitText);
        var result = tree.Run(Check);
        Assert.Equal(expected, result.Score);
        Assert.Equal(expected == 10, result.NextStep is null);
        if (expected > 0)
        {
            Assert.Equal(path, Assert.Single(result.Evidence).Path);
        }
    }

    [Fact]
    public void Plain_licence_explains_the_missing_point()
    {
        using var tree = new TempTree();
        tree.Write("LICENSE", MitText);
        var result = tree.Run(Check);
        Assert.Contains("SPDX id in the file name", result.Reason, StringComparison.Ordinal);
        Assert.Contains("LICENSE-<SPDX-id>", result.NextStep, StringComparison.Ordinal);
    }
}
