using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Fuzzing (<c>checks/raw/fuzzing.go</c>), offline: 10 when <c>.clusterfuzzlite/Dockerfile</c> holds a
/// command, or a Python file imports Atheris (<c>import atheris</c>); else 0. Scorecard's OSS-Fuzz lookup (the
/// project's repository listed in OSS-Fuzz) needs OSS-Fuzz's project list and is not made. Hypothesis property tests
/// are not counted by Scorecard; they are listed in the evidence and the reason.
/// </summary>
public sealed class FuzzingCheck : IPostureCheck
{
    public string Name => "Fuzzing";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "The project is fuzzed (ClusterFuzzLite, OSS-Fuzz, or Atheris fuzz targets).";

    public CheckResult Run(PostureContext context)
    {
        var files = ScorecardFiles.List(context);
        var evidence = new List<CheckEvidence>();
        var tools = new List<string>();
        if (files.Contains(".clusterfuzzlite/Dockerfile", StringComparer.Ordinal)
            && ScorecardFiles.ReadText(context, ".clusterfuzzlite/Dockerfile") is { } dockerfile && ScorecardWorkflows.ContainsCommands(dockerfile))
        {
            tools.Add("ClusterFuzzLite");
            evidence.Add(new CheckEvidence("ClusterFuzzLite build") { Path = ".clusterfuzzlite/Dockerfile" });
        }

        var hypothesis = new List<CheckEvidence>();
        foreach (var path in files.Where(p => p.EndsWith(".py", StringComparison.OrdinalIgnoreCase)))
        {
            if (ScorecardFiles.ReadText(context, path) is not { } text)
            {
                continue;
            }

            if (FirstLine(text, "import atheris") is var atheris and > 0)
            {
                if (!tools.Contains("Atheris"))
                {
                    tools.Add("Atheris");
                }

                evidence.Add(new CheckEvidence("Atheris fuzz target") { Path = path, Line = atheris });
            }

            if (HypothesisLine(text) is var property and > 0)
            {
                hypothesis.Add(new CheckEvidence("Hypothesis property tests (not counted by Scorecard)") { Path = path, Line = property });
            }
        }

        evidence.AddRange(hypothesis);
        var hypothesisNote = hypothesis.Count > 0 ? $"; Hypothesis property tests in {hypothesis.Count} file(s), not counted by Scorecard" : "";
        if (tools.Count > 0)
        {
            return CheckResult.Scored(this, 10, $"fuzzed with {string.Join(" and ", tools)}{hypothesisNote}", null, evidence);
        }

        return CheckResult.Scored(this, 0, $"no fuzzing found (no .clusterfuzzlite/Dockerfile, no `import atheris`; OSS-Fuzz membership not checked offline){hypothesisNote}",
            hypothesis.Count > 0
                ? "add an Atheris fuzz target (`import atheris`) for the parsers your Hypothesis tests cover, and run it in CI with ClusterFuzzLite (.clusterfuzzlite/Dockerfile)"
                : "add an Atheris fuzz target (`import atheris`, e.g. fuzz/fuzz_parse.py) for code that parses untrusted input, and run it with ClusterFuzzLite (.clusterfuzzlite/Dockerfile)",
            evidence);
    }

    private static int FirstLine(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        return index < 0 ? 0 : 1 + text.AsSpan(0, index).Count('\n');
    }

    private static int HypothesisLine(string text)
    {
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var trimmed = raw.TrimStart();
            if (trimmed.StartsWith("import hypothesis", StringComparison.Ordinal) || trimmed.StartsWith("from hypothesis", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return 0;
    }
}
