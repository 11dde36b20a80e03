using Kingsnake.Advisories.Grouping;
using Kingsnake.Advisories.Reading;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Auditing;

/// <summary>
/// The line shown for a flaw, on real PyPA records: openings that only say what the product is (GitHub-reported CVE
/// text) or only repeat the affected versions (Snyk's) are dropped, and the sentence about the flaw is shown.
/// </summary>
public sealed class AdvisorySummaryTests
{
    private static readonly Lazy<AdvisoryLoadResult> Loaded = new(() => AdvisoryLoader.Load(Path.Combine(AdvisoryData.Path, "vulns")));

    private static AdvisorySummary Of(string id)
    {
        var record = Loaded.Value.Advisories.Single(a => a.Id == id);
        return AdvisorySummaries.For(record.Summary, record.Details);
    }

    [Theory]
    // "Wagtail is an open source content management system built on Django. A user with a limited-permission ..."
    [InlineData("PYSEC-2023-219", "Wagtail is")]
    // "Twisted is an event-based framework for internet applications, supporting Python 3.6+. Prior to version 22.4.0rc1, ..."
    [InlineData("PYSEC-2022-195", "Twisted is")]
    // "This affects the package jinja2 from 0.0.0 and before 2.11.3. The ReDoS vulnerability is mainly due to ..."
    [InlineData("PYSEC-2021-66", "This affects")]
    public void Openings_that_describe_the_product_or_only_the_versions_are_dropped(string id, string droppedOpening)
    {
        var record = Loaded.Value.Advisories.Single(a => a.Id == id);
        Assert.StartsWith(droppedOpening, record.Details, StringComparison.Ordinal);
        var summary = Of(id);
        Assert.False(summary.DescribesPackage);
        Assert.DoesNotContain(droppedOpening, summary.Text, StringComparison.Ordinal);
        Assert.Contains(summary.Text.TrimEnd('…')[..40], string.Join(' ', record.Details!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_jinja2_redos_line_names_the_flaw()
    {
        Assert.StartsWith("The ReDoS vulnerability is mainly due to", Of("PYSEC-2021-66").Text, StringComparison.Ordinal);
    }

    [Theory]
    // the subject is the product, but the sentence is about the flaw
    [InlineData("archivy is vulnerable to Cross-Site Request Forgery (CSRF)")]
    // a long subject: a statement about the product's behaviour
    [InlineData("Keylime does not enforce that the agent registrar data is the same when the tenant uses it for validation of the EK and identity quote and the verifier uses it for validating the integrity quote.")]
    [InlineData("In Django 1.10.x before 1.10.8 and 1.11.x before 1.11.5, HTML autoescaping was disabled in a portion of the template for the technical 500 debug page.")]
    public void Sentences_about_the_flaw_are_kept(string sentence)
    {
        Assert.False(AdvisorySummaries.IsDescription(sentence));
        Assert.Equal(new AdvisorySummary(sentence.Length <= 160 ? sentence : AdvisorySummaries.For(sentence, null).Text, false), AdvisorySummaries.For(sentence, null));
    }

    [Fact]
    public void A_text_that_only_describes_the_package_is_shown_and_marked()
    {
        // the opening of PYSEC-2021-623's details (tensorflow), as a GHSA record's summary can be
        var summary = AdvisorySummaries.For("TensorFlow is an end-to-end open source platform for machine learning.", null);
        Assert.True(summary.DescribesPackage);
        Assert.Equal("TensorFlow is an end-to-end open source platform for machine learning.", summary.Text);

        // with details to fall back on, their flaw sentence is shown instead
        var record = Loaded.Value.Advisories.Single(a => a.Id == "PYSEC-2023-219");
        var withDetails = AdvisorySummaries.For("Wagtail is a Django content management system.", record.Details);
        Assert.False(withDetails.DescribesPackage);
        Assert.StartsWith("A user with a limited-permission editor account", withDetails.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Measured on the whole snapshot: 981 of the 2,651 records open with a sentence that is dropped, and 1 says nothing
    /// but that (shown and marked). The figures are the snapshot's; a change in them is a change in the heuristic.
    /// </summary>
    [Fact]
    [Trait("Category", "Corpus")]
    public void On_the_snapshot_about_a_third_of_the_records_open_with_a_description()
    {
        var records = Loaded.Value.Advisories;
        var dropped = 0;
        var marked = 0;
        foreach (var record in records)
        {
            var text = string.Join(' ', (record.Summary ?? record.Details ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var summary = AdvisorySummaries.For(record.Summary, record.Details);
            marked += summary.DescribesPackage ? 1 : 0;
            dropped += !summary.DescribesPackage && text.Length > 0 && !text.StartsWith(summary.Text.TrimEnd('…'), StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Equal(2651, records.Count);
        Assert.Equal(981, dropped);
        Assert.Equal(1, marked);
    }
}
