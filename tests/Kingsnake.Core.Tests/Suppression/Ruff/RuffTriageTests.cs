using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;
using Kingsnake.Core.Suppression.Ruff;

namespace Kingsnake.Core.Tests.Suppression.Ruff;

/// <summary>ruff triage applied to findings through the rules' ruff aliases.</summary>
public sealed class RuffTriageTests
{
    private static Rule CodeRule(string id, params string[] aliases) => new()
    {
        Id = id,
        Name = id.ToLowerInvariant(),
        Title = "t",
        Area = "code",
        Help = "h",
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Aliases = aliases,
    };

    private static readonly Rule Shell = CodeRule("PY602", "B602", "S602");
    private static readonly Rule Assert_ = CodeRule("PY101", "B101", "S101");
    private static readonly Rule OwnRule = CodeRule("PY805");

    private static Finding At(Rule rule, string path, int line, int endLine = 0) => new()
    {
        Rule = rule,
        Message = "m",
        Location = new SourceSpan(path, line, 5, endLine, 1),
        FingerprintSource = $"{path}:{line}",
    };

    private static RuffTriage Triage(string? ruffToml, params (string Path, string Text)[] files)
    {
        var all = files.ToDictionary(f => f.Path, f => f.Text);
        if (ruffToml is not null)
        {
            all["ruff.toml"] = ruffToml;
        }

        var sources = SourceLines.FromText(all);
        var errors = new List<InputError>();
        var settings = RuffConfigReader.Read(sources, errors);
        Assert.Empty(errors);
        return new RuffTriage(settings, sources);
    }

    [Fact]
    public void Coded_noqa_settles_the_rule_it_names_even_without_ruff_configuration()
    {
        var triage = Triage(null, ("app.py", "import subprocess\nsubprocess.call(cmd, shell=True)  # noqa: S602\nsubprocess.call(cmd, shell=True)  # noqa: S603\nassert x  # noqa: B101\n"));
        var settled = triage.Decide(At(Shell, "app.py", 2));
        Assert.Equal(new SuppressionReason(SuppressionKind.RuffNoqa, "# noqa: S602", new SourceSpan("app.py", 2, 35)), settled);
        Assert.Null(triage.Decide(At(Shell, "app.py", 3)));
        // B101 is Bandit's id, not a ruff code: ruff's # noqa does not know it
        Assert.Null(triage.Decide(At(Assert_, "app.py", 4)));
    }

    [Fact]
    public void Bare_noqa_settles_only_rules_whose_ruff_code_the_project_runs()
    {
        const string Code = "subprocess.call(cmd, shell=True)  # noqa\n";
        Assert.Null(Triage(null, ("app.py", Code)).Decide(At(Shell, "app.py", 1)));
        Assert.Null(Triage("[lint]\nselect = [\"E\", \"F\"]\n", ("app.py", Code)).Decide(At(Shell, "app.py", 1)));
        Assert.Equal(SuppressionKind.RuffNoqa, Triage("[lint]\nselect = [\"S\"]\n", ("app.py", Code)).Decide(At(Shell, "app.py", 1))?.Kind);
        // a rule without a ruff code is never settled by ruff's comments
        Assert.Null(Triage("[lint]\nselect = [\"ALL\"]\n", ("app.py", "run(x)  # noqa\n")).Decide(At(OwnRule, "app.py", 1)));
    }

    [Fact]
    public void Noqa_on_a_later_line_of_the_finding_counts_as_ruff_reports_there()
    {
        var triage = Triage(null, ("app.py", "r = requests.get(\n    url,\n    verify=False,  # noqa: S501\n)\nsubprocess.call(  # noqa: S602\n    cmd, shell=True)\n"));
        Assert.Equal(3, triage.Decide(At(CodeRule("PY501", "S501"), "app.py", 1, 4))?.At?.StartLine);
        Assert.Null(triage.Decide(At(CodeRule("PY501", "S501"), "app.py", 1)));
        Assert.Equal(5, triage.Decide(At(Shell, "app.py", 5, 6))?.At?.StartLine);
    }

    [Fact]
    public void File_exemptions_settle_the_whole_file()
    {
        var triage = Triage("[lint]\nselect = [\"S\"]\n", ("gen.py", "# ruff: noqa: S101\nassert a\nsubprocess.call(c, shell=True)\n"), ("vendored.py", "# flake8: noqa\nsubprocess.call(c, shell=True)\n"));
        Assert.Equal(new SuppressionReason(SuppressionKind.RuffFileNoqa, "# ruff: noqa: S101", new SourceSpan("gen.py", 1, 1)), triage.Decide(At(Assert_, "gen.py", 2)));
        Assert.Null(triage.Decide(At(Shell, "gen.py", 3)));
        Assert.Equal(SuppressionKind.RuffFileNoqa, triage.Decide(At(Shell, "vendored.py", 2))?.Kind);
    }

    [Fact]
    public void Per_file_ignores_and_ignores_settle_selected_codes_and_name_their_entry()
    {
        var triage = Triage(
            "[lint]\nselect = [\"ALL\"]\nignore = [\"S1\"]\n[lint.per-file-ignores]\n\"tests/**\" = [\"S6\"]\n\"!src/**\" = [\"S602\"]\n",
            ("tests/test_a.py", "x\n"), ("src/a.py", "x\n"), ("tools/b.py", "x\n"));
        Assert.Equal(new SuppressionReason(SuppressionKind.RuffPerFileIgnore, "ruff per-file-ignores \"tests/**\" = [\"S6\"]", new SourceSpan("ruff.toml", 5, 14)), triage.Decide(At(Shell, "tests/test_a.py", 1)));
        Assert.Equal("ruff per-file-ignores \"!src/**\" = [\"S602\"]", triage.Decide(At(Shell, "tools/b.py", 1))?.Detail);
        Assert.Null(triage.Decide(At(Shell, "src/a.py", 1)));
        Assert.Equal(new SuppressionReason(SuppressionKind.RuffIgnore, "ruff ignore \"S1\" (S101)", new SourceSpan("ruff.toml", 3, 11)), triage.Decide(At(Assert_, "src/a.py", 1)));
    }

    [Fact]
    public void Through_the_filter_kingsnake_settings_are_asked_first_and_peers_after()
    {
        var sources = SourceLines.FromText(new Dictionary<string, string> { ["a.py"] = "subprocess.call(c, shell=True)  # noqa: S602  # kingsnake: ignore[PY602]\nsubprocess.call(c, shell=True)  # noqa: S602\n" });
        var filter = new FindingFilter(Configuration.KingsnakeConfig.Default, sources, peers: [new RuffTriage(null, sources)]);
        var (kept, suppressed) = filter.Apply([At(Shell, "a.py", 1), At(Shell, "a.py", 2)]);
        Assert.Empty(kept);
        Assert.Equal([SuppressionKind.InlineComment, SuppressionKind.RuffNoqa], suppressed.Select(s => s.Reason.Kind));
        var (keptWithoutPeers, _) = new FindingFilter(Configuration.KingsnakeConfig.Default, sources).Apply([At(Shell, "a.py", 2)]);
        Assert.Single(keptWithoutPeers);
    }
}
