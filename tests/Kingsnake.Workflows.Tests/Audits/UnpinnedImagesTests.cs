using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class UnpinnedImagesTests
{
    private const string Rule = "unpinned-images";

    private const string Jobs = """
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            container: python:3.12-slim
            services:
              redis:
                image: redis
              postgres:
                image: postgres:latest
              pinned:
                image: ghcr.io/org/db:16@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              matrix:
                image: ${{ matrix.image }}
            steps:
              - uses: docker://alpine
              - uses: docker://alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        """;

    [Fact]
    public void Missing_and_latest_tags_are_high()
    {
        var findings = Run.Workflow(Jobs, Rule);
        Assert.Equal(["image: redis", "image: postgres:latest", "uses: docker://alpine"], findings.Select(f => Jobs.Split('\n')[f.Location.StartLine - 1].Trim().TrimStart('-', ' ')));
        Assert.All(findings, f => Assert.Equal((Severity.High, Confidence.High), (f.Severity, f.Confidence)));
        Assert.Equal("redis", Run.Covered(Jobs, findings[0]));
    }

    [Fact]
    public void Tags_without_digest_and_expressions_are_pedantic()
    {
        var findings = Run.Workflow(Jobs, Rule, Persona.Pedantic);
        Assert.Equal(5, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains("python:3.12-slim", StringComparison.Ordinal) && f.Severity == Severity.Medium);
        Assert.Contains(findings, f => f.Confidence == Confidence.Low && f.Message.Contains("expression", StringComparison.Ordinal));
    }

    [Fact]
    public void Docker_action_image_is_checked_and_dockerfile_is_not()
    {
        Assert.Single(Run.Action("name: a\nruns:\n  using: docker\n  image: docker://ghcr.io/org/tool\n", Rule));
        Assert.Empty(Run.Action("name: a\nruns:\n  using: docker\n  image: Dockerfile\n", Rule));
    }

    [Theory]
    [InlineData("localhost:5000/img", "localhost:5000/img", null)]
    [InlineData("localhost:5000/img:1.0", "localhost:5000/img", "1.0")]
    [InlineData("img@sha256:ab", "img", null)]
    public void Registry_ports_are_not_tags(string image, string name, string? tag)
    {
        var split = UnpinnedImagesAudit.Split(image);
        Assert.Equal((name, tag), (split.Name, split.Tag));
    }

    [Fact]
    public void Ignore_comment_suppresses()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    container: python # zizmor: ignore[unpinned-images]\n    steps: []\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Matrix_images_are_judged_value_by_value()
    {
        var yaml = """
            on: push
            jobs:
              db:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    postgres: ["13", "16", latest]
                    include:
                      - postgres: "17"
                services:
                  pg:
                    image: postgres:${{ matrix.postgres }}
                steps:
                  - run: pytest
              redis:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    image: ["redis:7.2", "valkey/valkey:8"]
                container: ${{ matrix.image }}
                steps:
                  - run: pytest
              dynamic:
                runs-on: ubuntu-latest
                strategy:
                  matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}
                container: ${{ matrix.image }}
                steps:
                  - run: pytest
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((12, Severity.High, Confidence.High), (finding.Location.StartLine, finding.Severity, finding.Confidence));
        Assert.Contains("'postgres:latest' has no tag or the :latest tag", finding.Message, StringComparison.Ordinal);

        // pedantic: the tagged matrix without digests, and the matrix that cannot be read here
        var pedantic = Run.Workflow(yaml, Rule, Persona.Pedantic);
        Assert.Equal([(12, Confidence.High), (20, Confidence.High), (27, Confidence.Low)], pedantic.Select(f => (f.Location.StartLine, f.Confidence)));
    }

    [Fact]
    public void Empty_matrix_value_means_no_service_and_is_not_an_image()
    {
        var yaml = """
            on: push
            jobs:
              t:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    include:
                      - db: ""
                      - db: "mysql:8.4@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                services:
                  db:
                    image: ${{ matrix.db }}
                steps:
                  - run: pytest
            """;
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Pedantic));
    }
}
