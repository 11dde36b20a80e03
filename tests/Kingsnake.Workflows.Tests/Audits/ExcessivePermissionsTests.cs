using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class ExcessivePermissionsTests
{
    private const string Rule = "excessive-permissions";

    [Fact]
    public void Write_all_at_workflow_level_is_high()
    {
        var yaml = "on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: x\n    steps: []\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.High, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal((2, 14), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void Read_all_is_medium()
    {
        var yaml = "on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n";
        Assert.Equal(Severity.Medium, Assert.Single(Run.Workflow(yaml, Rule)).Severity);
    }

    [Fact]
    public void Workflow_level_write_scopes_are_graded_per_scope()
    {
        var yaml = """
            on: push
            permissions:
              contents: write
              checks: write
              statuses: write
              issues: read
            jobs:
              a:
                runs-on: ubuntu-latest
              b:
                runs-on: ubuntu-latest
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal([Severity.High, Severity.Medium, Severity.Low], findings.Select(f => f.Severity));
        Assert.Equal([3, 4, 5], findings.Select(f => f.Location.StartLine));
    }

    [Fact]
    public void Workflow_level_scopes_of_a_single_job_workflow_are_pedantic()
    {
        var yaml = "on: push\npermissions:\n  contents: write\njobs:\n  a:\n    runs-on: x\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
        Assert.Equal(3, Assert.Single(Run.Workflow(yaml, Rule, Persona.Pedantic)).Location.StartLine);
    }

    [Fact]
    public void Missing_permissions_with_several_jobs_reports_the_workflow_and_each_job()
    {
        var yaml = """
            on: push
            jobs:
              lint:
                runs-on: ubuntu-latest
              test:
                runs-on: ubuntu-latest
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Equal((Severity.Medium, Confidence.Medium), (f.Severity, f.Confidence)));
        Assert.Equal([1, 3, 5], findings.Select(f => f.Location.StartLine));
    }

    [Fact]
    public void One_job_without_permissions_is_reported_once_at_the_job()
    {
        var yaml = "on: push\njobs:\n  only:\n    runs-on: ubuntu-latest\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(3, finding.Location.StartLine);
        Assert.Equal(2, Run.Workflow(yaml, Rule, Persona.Pedantic).Count);
    }

    [Fact]
    public void Least_privilege_workflow_is_clean()
    {
        var yaml = """
            on:
              release:
                types: [published]
            permissions: {}
            jobs:
              publish:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                  contents: read
                steps:
                  - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Job_level_write_all_is_high_and_reusable_workflows_are_left_to_their_callers()
    {
        Assert.Equal(Severity.High, Assert.Single(Run.Workflow("on: push\npermissions: {}\njobs:\n  a:\n    permissions: write-all\n    runs-on: x\n", Rule)).Severity);
        Assert.Empty(Run.Workflow("on:\n  workflow_call:\njobs:\n  a:\n    runs-on: x\n  b:\n    runs-on: x\n", Rule));
    }
}
