using Kingsnake.Posture.Checks.Scorecard;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class SecurityPolicyCheckTests
{
    private static readonly SecurityPolicyCheck Check = new();

    // in the style of pypa/pip's and Django's policies
    private const string FullPolicy = """
        # Security Policy

        ## Reporting a Vulnerability

        Please report security issues privately, either through a
        [GitHub security advisory](https://github.com/pypa/sampleproject/security/advisories/new)
        or by e-mail to security@sampleproject.org. Do not open a public issue.

        We acknowledge reports within 3 working days and aim to release a fix
        within 90 days, after which the vulnerability is disclosed publicly.
        """;

    [Fact]
    public void A_full_policy_scores_10()
    {
        using var tree = new TempTree();
        tree.Write("SECURITY.md", FullPolicy);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Contains(result.Evidence, e => e is { Path: "SECURITY.md", Line: 6 } && e.Description.Contains("https://github.com/pypa/sampleproject/security/advisories/new", StringComparison.Ordinal));
        Assert.Contains(result.Evidence, e => e is { Path: "SECURITY.md", Line: 7 } && e.Description.Contains("security@sampleproject.org", StringComparison.Ordinal));
        Assert.Null(result.NextStep);
    }

    [Fact]
    public void A_bare_link_scores_6()
    {
        using var tree = new TempTree();
        // 62 bytes: the 61-byte link and a newline, not more than 61 + 2 → no text point; no digit or disclosure word
        tree.Write(".github/SECURITY.md", "https://github.com/pypa/sampleproject/security/advisories/new\n");
        var result = tree.Run(Check);
        Assert.Equal(6, result.Score);
        Assert.Contains("links/e-mail 6/6, text 0/3, disclosure words 0/1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("explain in .github/SECURITY.md", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_a_contact_scores_3_plus_1_for_disclosure_words()
    {
        using var tree = new TempTree();
        tree.Write("docs/security.rst", "Security\n========\n\nPlease report vulnerabilities to the maintainers. We follow coordinated disclosure.\n");
        var result = tree.Run(Check);
        Assert.Equal(4, result.Score);
        Assert.Contains("name a private reporting channel in docs/security.rst", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_part_counts_once_across_several_policy_files()
    {
        using var tree = new TempTree();
        tree.Write("SECURITY.md", "https://github.com/pypa/sampleproject/security/advisories/new\n"); // links only: 6
        tree.Write(".github/SECURITY.md", "Report vulnerabilities privately; we practise coordinated disclosure.\n"); // text 3 + disclosure 1
        tree.Write("docs/SECURITY.md", "Mail security@sampleproject.org about any vulnerability within 90 days.\n"); // 6 + 3 + 1, counted once
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Equal([".github/SECURITY.md", "SECURITY.md", "docs/SECURITY.md"], result.Evidence.Where(e => e.Description == "security policy").Select(e => e.Path));
    }

    [Theory]
    [InlineData("x", 0)] // one byte: no text point
    [InlineData("Report issues to the team.", 3)]
    [InlineData("We fix within 30 days and 12 hours.", 4)] // two numbers
    public void Scoring_parts(string text, int expected)
    {
        using var tree = new TempTree();
        tree.Write("SECURITY.markdown", text);
        Assert.Equal(expected, tree.Run(Check).Score);
    }

    [Fact]
    public void No_policy_scores_0_and_other_places_do_not_count()
    {
        using var tree = new TempTree();
        tree.Write("src/SECURITY.md", FullPolicy);
        tree.Write("README.md", "# sample\nSee https://example.org\n");
        var result = tree.Run(Check);
        Assert.Equal(0, result.Score);
        Assert.Contains("add SECURITY.md naming a private reporting channel", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_policy_without_spaces_is_read_in_linear_time()
    {
        using var tree = new TempTree();
        tree.Write("SECURITY.md", string.Concat(Enumerable.Repeat("a@b.cd", 300_000))); // 1.8 MB, one "word"
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = tree.Run(Check);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");

        // greedy, the e-mail pattern matches the whole file once: links 6; its bytes leave no text point; no digit or disclosure word
        Assert.Equal(6, result.Score);

        // no match at all ("a@b." never ends in two letters): the case a backtracking engine would take cubic time on
        tree.Write("SECURITY.md", string.Concat(Enumerable.Repeat("a@b.", 500_000)));
        watch.Restart();
        Assert.Equal(3, tree.Run(Check).Score);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
