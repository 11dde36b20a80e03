using Kingsnake.Packaging.Licenses;

namespace Kingsnake.Packaging.Tests.Licenses;

/// <summary>
/// The matcher against real license files labelled by hand (Data/license-files.tsv): it may say nothing, but it may
/// never name another license than the label. Recall is printed, and must stay at what was measured.
/// </summary>
public sealed class LicenseTextMatcherTests
{
    private const string SitePackages = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";

    [Fact]
    public void Real_license_files_are_never_misidentified()
    {
        var labels = ReadLabels();
        Assert.True(labels.Count >= 40, $"only {labels.Count} labelled files");
        var wrong = new List<string>();
        var found = 0;
        var identifiable = 0;
        var missed = new List<string>();
        foreach (var (path, expected, reason) in labels)
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(SitePackages, path);
            Assert.True(File.Exists(full), $"{full} is missing");
            var id = LicenseTextMatcher.Identify(File.ReadAllText(full));
            if (expected != "-")
            {
                identifiable++;
                Assert.NotNull(SpdxLicenseList.Canonical(expected)); // labels are real ids
            }

            if (id is null)
            {
                if (expected != "-")
                {
                    missed.Add($"{path} ({expected}: {reason})");
                }

                continue;
            }

            if (id != expected)
            {
                wrong.Add($"{path}: said {id}, is {expected} ({reason})");
            }
            else
            {
                found++;
            }
        }

        TestContext.Current.SendDiagnosticMessage($"license files: {labels.Count} labelled, {identifiable} with one license, {found} identified, {missed.Count} missed: {string.Join("; ", missed)}");
        Assert.Empty(wrong); // precision 100 %
        Assert.True(found >= identifiable - 1, $"recall fell: {found} of {identifiable}; missed {string.Join("; ", missed)}");
    }

    [Fact]
    public void A_stricter_or_longer_variant_is_not_the_simpler_license()
    {
        var bsd3 = File.ReadAllText(Path.Combine(SitePackages, "flask-3.1.3.dist-info/licenses/LICENSE.txt"));
        Assert.Equal("BSD-3-Clause", LicenseTextMatcher.Identify(bsd3));

        // BSD-4-Clause: the advertising clause added
        var bsd4 = bsd3.Replace(
            "3.  Neither the name",
            "3.  All advertising materials mentioning features or use of this software must display the following acknowledgement: This product includes software developed by Pallets.\n4.  Neither the name",
            StringComparison.Ordinal);
        Assert.NotEqual(bsd3, bsd4);
        Assert.Null(LicenseTextMatcher.Identify(bsd4));

        // two licenses in one file
        var mit = File.ReadAllText(Path.Combine(SitePackages, "attrs-26.1.0.dist-info/licenses/LICENSE"));
        Assert.Equal("MIT", LicenseTextMatcher.Identify(mit));
        Assert.Null(LicenseTextMatcher.Identify(mit + "\n\n" + bsd3));

        // the MIT grant without its notice condition is MIT-0, never MIT
        var noNotice = mit.Replace("The above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.", "", StringComparison.Ordinal)
            .Replace(", subject to the following conditions:", ".", StringComparison.Ordinal);
        Assert.NotEqual(mit, noNotice);
        Assert.Equal("MIT-0", LicenseTextMatcher.Identify(noNotice));

        // a license followed by much unrelated text is not that license
        Assert.Null(LicenseTextMatcher.Identify(mit + string.Concat(Enumerable.Repeat(" unrelated words", 200))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("MIT")]
    [InlineData("Licensed under the MIT license.")]
    [InlineData("This project is released into the public domain.")]
    public void Short_mentions_are_not_license_texts(string text) =>
        Assert.Null(LicenseTextMatcher.Identify(text));

    [Fact]
    public void Texts_over_the_bound_are_not_read()
    {
        var mit = File.ReadAllText(Path.Combine(SitePackages, "attrs-26.1.0.dist-info/licenses/LICENSE"));
        Assert.Null(LicenseTextMatcher.Identify(mit + new string(' ', LicenseTextMatcher.MaxLength)));
    }

    [Fact]
    public void Normalize_keeps_only_lowercase_words() =>
        Assert.Equal("the software is provided as is without warranty 2 0 and or license", LicenseTextMatcher.Normalize("THE SOFTWARE IS PROVIDED \"AS IS\",\n  WITHOUT WARRANTY (2.0) and/or licence"));

    private static List<(string Path, string Expected, string Reason)> ReadLabels() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Licenses", "Data", "license-files.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1], p[2]))];
}
