namespace Kingsnake.Reporting.Tests;

public sealed class OfficialSarifSchemaTests
{
    [Fact]
    public void Full_report_is_valid_sarif_2_1_0()
    {
        var results = OfficialSarifSchema.Validate(new Sarif.SarifRenderer().RenderToString(SampleReports.Full()));
        Assert.True(results.IsValid, OfficialSarifSchema.Failures(results));
    }

    [Fact]
    public void Empty_report_is_valid_sarif_2_1_0()
    {
        var results = OfficialSarifSchema.Validate(new Sarif.SarifRenderer().RenderToString(SampleReports.Empty()));
        Assert.True(results.IsValid, OfficialSarifSchema.Failures(results));
    }

    [Fact]
    public void Report_with_files_outside_the_project_is_valid_sarif_2_1_0()
    {
        // an installed environment and a requirements file named outside the project, each under a base of its own
        var findings = new[]
        {
            SampleReports.PyFinding() with { Location = new Kingsnake.Core.Findings.SourceSpan("/usr/lib/python3/dist-packages/py-1.11.0.dist-info/METADATA", 3, 1) },
            SampleReports.RequestsFinding() with { Location = new Kingsnake.Core.Findings.SourceSpan("/srv/reqs/requirements.txt", 7, 1, 7, 15) },
        };
        var report = SampleReports.Full(findings) with
        {
            Errors = [new Kingsnake.Core.Findings.InputError(Kingsnake.Core.Findings.SourceSpan.WholeFile("/usr/lib/python3/dist-packages/bad-1.0.dist-info/RECORD"), "not a CSV file")],
        };
        var sarif = new Sarif.SarifRenderer().RenderToString(report);
        Assert.Contains("\"ENV1\"", sarif, StringComparison.Ordinal);
        Assert.Contains("\"INPUT1\"", sarif, StringComparison.Ordinal);
        var results = OfficialSarifSchema.Validate(sarif);
        Assert.True(results.IsValid, OfficialSarifSchema.Failures(results));
    }

    [Fact]
    public void The_schema_rejects_a_broken_log()
    {
        var broken = new Sarif.SarifRenderer().RenderToString(SampleReports.Full()).Replace("\"2.1.0\"", "\"2.1.1\"", StringComparison.Ordinal);
        Assert.False(OfficialSarifSchema.Validate(broken).IsValid);
    }
}
