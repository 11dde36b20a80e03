using Kingsnake.Advisories.Model;
using Kingsnake.Advisories.Reading;
using Kingsnake.Advisories.Severity;

namespace Kingsnake.Advisories.Tests;

public class CvssV3Tests
{
    // Expected scores are the published ones: the CVSS v3.1 specification's worked examples (CVE named where
    // the example is one) and NVD's scores for common vectors.
    [Theory]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)] // CVE-2014-6271 Shellshock
    [InlineData("AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)] // CVE-2013-1937 phpMyAdmin reflected XSS
    [InlineData("AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4)] // CVE-2013-0375 MySQL stored SQL injection
    [InlineData("AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1)] // CVE-2014-3566 POODLE
    [InlineData("AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9)] // CVE-2012-1516 VMware guest to host
    [InlineData("AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2)] // CVE-2009-0783 Apache Tomcat XML parser
    [InlineData("AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8)] // CVE-2015-1098 Apple iWork
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5)] // CVE-2014-0160 Heartbleed
    [InlineData("AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8)] // CVE-2008-1447 DNS cache poisoning
    [InlineData("AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8)] // CVE-2014-2005 Sophos disk encryption
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8)] // CVE-2010-0467 Joomla directory traversal
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8)] // CVE-2012-1342 Cisco ACL bypass
    [InlineData("AV:A/AC:L/PR:N/UI:N/S:C/C:N/I:H/A:H", 9.3)] // CVE-2013-6014 Juniper proxy ARP
    [InlineData("AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4)] // CVE-2014-9253 DokuWiki stored XSS
    [InlineData("AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8)] // CVE-2011-1265 Microsoft Bluetooth
    [InlineData("AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6)] // CVE-2014-2019 Apple iOS
    [InlineData("AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8)] // CVE-2015-0970 SearchBlox CSRF
    [InlineData("AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4)] // CVE-2014-0224 OpenSSL CCS injection
    [InlineData("AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6)] // CVE-2012-5376 Chrome IPC
    [InlineData("AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8)] // CVE-2016-0128 Badlock
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    [InlineData("AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3)]
    [InlineData("AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1)]
    [InlineData("AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2)]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N", 6.5)]
    [InlineData("AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 4.3)]
    [InlineData("AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5)]
    [InlineData("AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9)]
    [InlineData("AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.4)]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", 9.1)]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", 7.3)]
    [InlineData("AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 3.3)]
    [InlineData("AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8)]
    [InlineData("AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.0)]
    [InlineData("AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N", 4.3)]
    public void Base_score_matches_the_published_value(string metrics, double expected)
    {
        Assert.True(CvssV3.TryComputeBaseScore("CVSS:3.1/" + metrics, out var score31));
        Assert.Equal(expected, score31);
        Assert.True(CvssV3.TryComputeBaseScore("CVSS:3.0/" + metrics, out var score30));
        Assert.Equal(expected, score30);
    }

    [Fact]
    public void Roundup_follows_the_specification_examples()
    {
        // CVSS v3.1 Appendix A: Roundup(4.02) is 4.1, Roundup(4.00) is 4.0.
        Assert.Equal(4.1, CvssV3.Roundup(4.02));
        Assert.Equal(4.0, CvssV3.Roundup(4.00));
        Assert.Equal(4.0, CvssV3.Roundup(3.9999999999)); // floating-point noise does not push it to 4.1
    }

    [Theory]
    [InlineData(0.0, SeverityRating.None)]
    [InlineData(0.1, SeverityRating.Low)]
    [InlineData(3.9, SeverityRating.Low)]
    [InlineData(4.0, SeverityRating.Medium)]
    [InlineData(6.9, SeverityRating.Medium)]
    [InlineData(7.0, SeverityRating.High)]
    [InlineData(8.9, SeverityRating.High)]
    [InlineData(9.0, SeverityRating.Critical)]
    [InlineData(10.0, SeverityRating.Critical)]
    public void Rating_bands(double score, SeverityRating rating) => Assert.Equal(rating, CvssV3.Rate(score));

    [Theory]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // no prefix
    [InlineData("CVSS:2.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")] // A missing
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // duplicate
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]
    [InlineData("")]
    public void Invalid_vectors_are_rejected(string vector) => Assert.False(CvssV3.TryComputeBaseScore(vector, out _));

    [Fact]
    public void Temporal_and_environmental_metrics_do_not_change_the_base_score()
    {
        Assert.True(CvssV3.TryComputeBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C/CR:L/MAV:P", out var score));
        Assert.Equal(9.8, score);
    }

    [Fact]
    public void Advisory_severity_prefers_cvss_then_database_label()
    {
        var withVector = OsvRecordParser.ParseYaml("""
            id: GHSA-aaaa-bbbb-cccc
            modified: '2024-01-01T00:00:00Z'
            severity:
            - {type: CVSS_V4, score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'}
            - {type: CVSS_V3, score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'}
            database_specific: {severity: CRITICAL}
            affected:
            - package: {ecosystem: PyPI, name: demo}
              versions: ['1.0']
            """);
        Assert.Equal(new AdvisorySeverity(SeverityRating.Medium, 6.1, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", SeveritySource.CvssV3), withVector.Severity);
        Assert.Equal(Core.Findings.Severity.Medium, withVector.Severity.ToFindingSeverity());

        var labelOnly = OsvRecordParser.ParseYaml("""
            id: GHSA-dddd-eeee-ffff
            modified: '2024-01-01T00:00:00Z'
            database_specific: {severity: MODERATE}
            affected:
            - package: {ecosystem: PyPI, name: demo}
              versions: ['1.0']
            """);
        Assert.Equal(SeverityRating.Medium, labelOnly.Severity.Rating);
        Assert.Equal(SeveritySource.DatabaseSpecific, labelOnly.Severity.Source);
        Assert.Null(labelOnly.Severity.Score);

        var none = new Advisory("X-1", "2024-01-01", [new AffectedPackage("demo", versions: ["1"])], databaseSeverity: "SEVERE-ISH");
        Assert.Same(AdvisorySeverity.Unknown, none.Severity);
        Assert.Null(none.Severity.ToFindingSeverity());
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Every_cvss_v3_vector_in_the_pypa_database_parses_into_range()
    {
        // Withdrawn records are parsed too: 3 of the 202 records with a severity are withdrawn.
        var all = AdvisoryLoader.EnumerateRecordFiles(TestData.PypaVulns)
            .Select(path => OsvRecordParser.ParseYaml(File.ReadAllBytes(path), path))
            .ToList();
        var vectors = all.SelectMany(a => a.SeverityScores).ToList();
        Assert.Equal(202, vectors.Count); // the reference notes count 202 severity entries, all CVSS_V3
        Assert.All(vectors, v => Assert.Equal("CVSS_V3", v.Type));
        var loaded = AdvisoryLoader.Load(TestData.PypaVulns);
        foreach (var vector in vectors)
        {
            Assert.True(CvssV3.TryComputeBaseScore(vector.Score, out var score), vector.Score);
            Assert.InRange(score, 0.0, 10.0);
        }

        // A few real records: the first three vectors have well-known published scores; the last was worked by
        // hand from the spec formula (impact 6.42 x 0.22 = 1.4124, exploitability 8.22 x 0.55 x 0.77 x 0.62 x 0.62
        // = 1.3382, sum 2.7506, rounded up to 2.8).
        var byId = loaded.Advisories.ToDictionary(a => a.Id);
        Assert.Equal(9.8, byId["PYSEC-2020-342"].Severity.Score); // apache-skywalking, AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
        Assert.Equal(SeverityRating.Critical, byId["PYSEC-2020-342"].Severity.Rating);
        Assert.Equal(7.5, byId["PYSEC-2023-221"].Severity.Score); // werkzeug, AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H
        Assert.Equal(5.3, byId["PYSEC-2023-154"].Severity.Score); // datasette, AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N
        Assert.Equal(2.8, byId["PYSEC-2024-6"].Severity.Score); // cdo-local-uuid, AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N
    }
}
