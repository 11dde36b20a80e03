using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The triage a project already did with ruff and zizmor, end to end. Data/triaged-with-ruff is a small service modelled
/// on how PyPI's warehouse triages: a shared ruff configuration (reached through <c>extend</c>) selects <c>ALL</c> and
/// ignores S101 project-wide, <c>tests/**</c> is exempt from S104/S105/S106/S108/S303/S311/S324, app code carries
/// <c># noqa: S…</c> (and one bare <c># noqa</c>), a release script exempts itself with <c># ruff: noqa: S603, S607</c>;
/// one MD5 call and one <c>chmod 0o777</c> (whose <c># noqa: E501</c> names another rule) were never triaged.
/// </summary>
public sealed class PeerTriageCommandTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Data", "triaged-with-ruff");

    private static TempProject CopyOfFixture()
    {
        var project = new TempProject();
        foreach (var file in Directory.EnumerateFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            project.With(Path.GetRelativePath(Fixture, file), File.ReadAllText(file));
        }

        return project;
    }

    private static (JsonDocument Report, CliResult Result) Audit(string root, params string[] extra)
    {
        var result = new CliRunner().Run(["audit", root, "--format", "json", "--show-suppressed", .. extra]);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return (JsonDocument.Parse(result.Output), result);
    }

    private static HashSet<string> Keys(JsonDocument report, string list) =>
        [.. report.RootElement.GetProperty(list).EnumerateArray().Select(f => $"{f.GetProperty("location").GetProperty("path").GetString()}:{f.GetProperty("location").GetProperty("startLine").GetInt32()} {f.GetProperty("ruleId").GetString()}")];

    private static Dictionary<string, string> SuppressionKinds(JsonDocument report) =>
        report.RootElement.GetProperty("suppressed").EnumerateArray().ToDictionary(
            f => $"{f.GetProperty("location").GetProperty("path").GetString()}:{f.GetProperty("location").GetProperty("startLine").GetInt32()} {f.GetProperty("ruleId").GetString()}",
            f => f.GetProperty("suppression").GetProperty("kind").GetString()!);

    [Fact]
    public void Nothing_the_project_triaged_with_ruff_is_reported_and_all_of_it_is_again_with_the_switch_off()
    {
        using var project = CopyOfFixture();
        var (triaged, _) = Audit(project.Root, "--only", "code");
        var reported = Keys(triaged, "findings");
        var kinds = SuppressionKinds(triaged);

        // every mechanism the project used is honoured, each named with where it is written
        Assert.Equal("ruff-noqa", kinds["src/ticketbox/app.py:15 PY602"]);
        Assert.Equal("ruff-noqa", kinds["src/ticketbox/app.py:20 PY301"]);
        Assert.Equal("ruff-noqa", kinds["src/ticketbox/app.py:24 PY501"]); // its # noqa: S501 is on the keyword's line, 27
        Assert.Equal("ruff-noqa", kinds["src/ticketbox/app.py:34 PY102"]); // bare # noqa: S102 runs under select = ["ALL"]
        Assert.Equal("ruff-ignore", kinds["src/ticketbox/app.py:38 PY101"]);
        // the release script runs git with fixed programs: Kingsnake mode has nothing there to suppress (Bandit's below)
        Assert.DoesNotContain(reported.Concat(kinds.Keys), k => k.StartsWith("scripts/release.py", StringComparison.Ordinal));

        // tests/ is test code (by name and by pytest's testpaths): Kingsnake mode runs only Trojan Source there, so the
        // project's per-file-ignores for it have nothing to do; Bandit's answers audit it, and the ignores hold.
        Assert.DoesNotContain(reported.Concat(kinds.Keys), k => k.StartsWith("tests/", StringComparison.Ordinal));
        var (bandit, _) = Audit(project.Root, "--only", "code", "--compat", "bandit");
        var banditKinds = SuppressionKinds(bandit);
        Assert.Equal("ruff-file-noqa", banditKinds["scripts/release.py:8 PY603"]);
        var inTests = banditKinds.Where(k => k.Key.StartsWith("tests/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(inTests);
        Assert.All(inTests, k => Assert.Equal(k.Key.EndsWith(" PY101", StringComparison.Ordinal) ? "ruff-ignore" : "ruff-per-file-ignores", k.Value)); // S101 is ignored project-wide
        Assert.Contains(banditKinds.Keys, k => k.StartsWith("tests/test_app.py", StringComparison.Ordinal) && k.EndsWith("PY324", StringComparison.Ordinal));
        Assert.DoesNotContain(Keys(bandit, "findings"), k => k.StartsWith("tests/", StringComparison.Ordinal) && k.EndsWith("PY105", StringComparison.Ordinal));
        var ignoreEntry = triaged.RootElement.GetProperty("summary").GetProperty("suppressedBy").EnumerateArray()
            .Single(c => c.GetProperty("kind").GetString() == "ruff-ignore").GetProperty("location");
        Assert.Equal(("config/ruff-shared.toml", 11), (ignoreEntry.GetProperty("path").GetString(), ignoreEntry.GetProperty("startLine").GetInt32()));

        // what nobody triaged is still reported: MD5 in app code, and a chmod whose # noqa names E501 only
        Assert.Contains("src/ticketbox/app.py:39 PY324", reported);
        Assert.Contains("src/ticketbox/app.py:43 PY103", reported);
        Assert.Empty(reported.Intersect(kinds.Keys));

        var (untriaged, _) = Audit(project.Root, "--only", "code", "--no-peer-triage");
        var all = Keys(untriaged, "findings");
        Assert.Superset(kinds.Keys.ToHashSet(), all);
        Assert.Equal(reported.Count + kinds.Count, all.Count);
        Assert.Empty(untriaged.RootElement.GetProperty("suppressed").EnumerateArray());
    }

    [Fact]
    public void Peer_triage_false_in_the_configuration_is_the_switch()
    {
        using var project = CopyOfFixture();
        File.AppendAllText(project.PathOf("pyproject.toml"), "\n[tool.kingsnake]\npeer-triage = false\n");
        var (report, _) = Audit(project.Root, "--only", "code");
        Assert.Contains("src/ticketbox/app.py:15 PY602", Keys(report, "findings"));
        Assert.Contains("src/ticketbox/app.py:38 PY101", Keys(report, "findings")); // the shared configuration's ignore
    }

    [Fact]
    public void An_extend_out_of_the_project_is_an_error_at_its_line_and_is_not_followed()
    {
        using var outside = new TempProject().With("ruff.toml", "[lint]\nselect = [\"ALL\"]\nignore = [\"S\"]\n");
        using var project = CopyOfFixture();
        var pyproject = File.ReadAllText(project.PathOf("pyproject.toml"));
        var relative = Path.GetRelativePath(project.Root, outside.PathOf("ruff.toml")).Replace('\\', '/');
        File.WriteAllText(project.PathOf("pyproject.toml"), pyproject.Replace("config/ruff-shared.toml", relative, StringComparison.Ordinal));

        var (report, result) = Audit(project.Root, "--only", "code");
        var error = Assert.Single(report.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("pyproject.toml", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(9, error.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Contains("outside the project", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
        // the faulty ruff configuration is left out (its shared ignore of S101 with it); comments still count, and
        // nothing of the outside file (which ignores every S rule) was used
        Assert.Contains("src/ticketbox/app.py:38 PY101", Keys(report, "findings"));
        Assert.Contains("src/ticketbox/app.py:39 PY324", Keys(report, "findings"));
        Assert.DoesNotContain("src/ticketbox/app.py:15 PY602", Keys(report, "findings"));
    }

    [Fact]
    public void Zizmor_configuration_ignores_and_disables_workflow_findings()
    {
        const string Workflow = """
            name: greet
            on:
              pull_request_target:
            permissions:
              contents: read
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "Thanks for ${{ github.event.pull_request.title }}"
            """;
        using var project = new TempProject().With(".github/workflows/greet.yml", Workflow);
        var (plain, _) = Audit(project.Root, "--only", "workflows");
        Assert.Contains(".github/workflows/greet.yml:10 GHA001", Keys(plain, "findings"));
        Assert.Contains(Keys(plain, "findings"), k => k.EndsWith("GHA002", StringComparison.Ordinal));

        project.With(".github/zizmor.yml", "rules:\n  template-injection:\n    ignore:\n      - greet.yml:10\n  dangerous-triggers:\n    disable: true\n");
        var (triaged, _) = Audit(project.Root, "--only", "workflows");
        Assert.DoesNotContain(Keys(triaged, "findings"), k => k.EndsWith("GHA001", StringComparison.Ordinal) || k.EndsWith("GHA002", StringComparison.Ordinal));
        var byReason = triaged.RootElement.GetProperty("summary").GetProperty("suppressedBy").EnumerateArray()
            .Select(c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("location").GetProperty("path").GetString()}:{c.GetProperty("location").GetProperty("startLine").GetInt32()}")
            .ToList();
        Assert.Contains("zizmor-config .github/zizmor.yml:4", byReason);
        Assert.Contains("zizmor-config .github/zizmor.yml:6", byReason);

        var (off, _) = Audit(project.Root, "--only", "workflows", "--no-peer-triage");
        Assert.Equal(Keys(plain, "findings"), Keys(off, "findings"));
    }

    [Theory]
    [InlineData("rules:\n  template-injection:\n    ignore:\n      - greet.yml:ten\n", 4)]
    [InlineData("rules:\n  template-injection:\n    ignore: greet.yml\n", 3)]
    [InlineData("rules:\n  dangerous-triggers:\n    disable: maybe\n", 3)]
    [InlineData("rules:\n  - template-injection\n", 2)]
    public void A_malformed_zizmor_configuration_is_an_error_naming_file_and_line(string config, int line)
    {
        using var project = new TempProject()
            .With(".github/workflows/greet.yml", "on: pull_request_target\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n")
            .With("zizmor.yml", config);
        var (report, _) = Audit(project.Root, "--only", "workflows");
        var error = Assert.Single(report.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(("zizmor.yml", line), (error.GetProperty("location").GetProperty("path").GetString(), error.GetProperty("location").GetProperty("startLine").GetInt32()));
        Assert.NotEmpty(report.RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Zizmor_ignore_comments_are_counted_with_the_comment_and_reported_again_with_the_switch_off()
    {
        using var project = new TempProject().With(".github/workflows/greet.yml", """
            on: issues
            permissions: {}
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.issue.title }}" # zizmor: ignore[template-injection]
                  - run: echo "${{ github.event.issue.body }}" # kingsnake: ignore[GHA001]
            """);

        var (triaged, _) = Audit(project.Root, "--only", "workflows");
        var suppressed = triaged.RootElement.GetProperty("suppressed").EnumerateArray()
            .Select(f => f.GetProperty("suppression"))
            .Select(r => $"{r.GetProperty("kind").GetString()} {r.GetProperty("detail").GetString()} {r.GetProperty("location").GetProperty("startLine").GetInt32()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["kingsnake-comment # kingsnake: ignore[GHA001] 8", "zizmor-comment # zizmor: ignore[template-injection] 7"], suppressed);
        Assert.DoesNotContain(Keys(triaged, "findings"), k => k.EndsWith("GHA001", StringComparison.Ordinal));

        // zizmor's comment is the project's triage with a peer tool; Kingsnake's own comment stays honoured
        var (off, _) = Audit(project.Root, "--only", "workflows", "--no-peer-triage");
        Assert.Contains(".github/workflows/greet.yml:7 GHA001", Keys(off, "findings"));
        Assert.DoesNotContain(".github/workflows/greet.yml:8 GHA001", Keys(off, "findings"));
    }

    [Fact]
    public void Bandit_skips_are_counted_with_their_entry_and_reported_again_with_the_switch_off()
    {
        using var project = new TempProject()
            .With("app.py", "import subprocess\n\n\ndef run(cmd):\n    assert is_trusted(cmd)\n    return subprocess.call(cmd, shell=True)\n")
            .With(".bandit", "[bandit]\nexclude = tests\nskips = B101,B602\n");

        var (triaged, _) = Audit(project.Root, "--only", "code");
        var kinds = SuppressionKinds(triaged);
        Assert.Equal("bandit-config", kinds["app.py:6 PY602"]);
        Assert.Equal("bandit-config", kinds["app.py:5 PY101"]);
        var entry = triaged.RootElement.GetProperty("summary").GetProperty("suppressedBy").EnumerateArray()
            .First(c => c.GetProperty("kind").GetString() == "bandit-config");
        Assert.Equal((".bandit", 3), (entry.GetProperty("location").GetProperty("path").GetString(), entry.GetProperty("location").GetProperty("startLine").GetInt32()));
        Assert.DoesNotContain("app.py:6 PY602", Keys(triaged, "findings"));

        var (off, _) = Audit(project.Root, "--only", "code", "--no-peer-triage");
        Assert.Contains("app.py:6 PY602", Keys(off, "findings"));
        Assert.Contains("app.py:5 PY101", Keys(off, "findings"));

        // a Bandit configuration the user names is their choice for this run, not the project's triage
        var (named, _) = Audit(project.Root, "--only", "code", "--no-peer-triage", "--bandit-config", project.PathOf(".bandit"));
        Assert.DoesNotContain("app.py:6 PY602", Keys(named, "findings"));
    }
}
