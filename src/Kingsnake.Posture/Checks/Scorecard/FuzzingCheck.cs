using System.Text.RegularExpressions;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Fuzzing (<c>checks/raw/fuzzing.go</c>), offline: 10 when <c>.clusterfuzzlite/Dockerfile</c> holds a
/// command, or a source file matches a language's fuzz pattern (offline Scorecard tries every language): Python
/// <c>import atheris</c>, Go native fuzz tests (<c>func FuzzX(f *testing.F)</c> in <c>*_test.go</c>), libFuzzer
/// targets in C/C++ (<c>LLVMFuzzerTestOneInput</c>), Rust <c>libfuzzer_sys</c>; else 0. Scorecard's OSS-Fuzz lookup (the
/// project's repository listed in OSS-Fuzz) needs OSS-Fuzz's project list and is not made. Hypothesis property tests
/// are not counted by Scorecard; they are listed in the evidence and the reason.
/// </summary>
public sealed partial class FuzzingCheck : IPostureCheck
{
    private static readonly (string Tool, string[] Extensions, Func<Regex> Pattern)[] LanguagePatterns =
    [
        ("Atheris", [".py"], Atheris),
        ("Go native fuzzing", ["_test.go"], GoFuzz),
        ("libFuzzer", [".c", ".cc", ".cpp", ".cxx", ".c++"], LibFuzzer),
        ("cargo-fuzz", [".rs"], RustFuzz),
    ];

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
        foreach (var path in files)
        {
            var language = LanguagePatterns.FirstOrDefault(l => l.Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)));
            if (language.Tool is null || ScorecardFiles.ReadText(context, path) is not { } text)
            {
                continue;
            }

            if (FirstLine(text, language.Pattern()) is var line and > 0)
            {
                if (!tools.Contains(language.Tool))
                {
                    tools.Add(language.Tool);
                }

                evidence.Add(new CheckEvidence($"{language.Tool} fuzz target") { Path = path, Line = line });
            }

            if (language.Tool == "Atheris" && HypothesisLine(text) is var property and > 0)
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

        return CheckResult.Scored(this, 0, $"no fuzzing found (no .clusterfuzzlite/Dockerfile, no Atheris, Go, libFuzzer or cargo-fuzz target; OSS-Fuzz membership not checked offline){hypothesisNote}",
            hypothesis.Count > 0
                ? "add an Atheris fuzz target (`import atheris`) for the parsers your Hypothesis tests cover, and run it in CI with ClusterFuzzLite (.clusterfuzzlite/Dockerfile)"
                : "add an Atheris fuzz target (`import atheris`, e.g. fuzz/fuzz_parse.py) for code that parses untrusted input, and run it with ClusterFuzzLite (.clusterfuzzlite/Dockerfile)",
            evidence);
    }

    [GeneratedRegex(@"import atheris")]
    private static partial Regex Atheris();

    [GeneratedRegex(@"func\s+Fuzz\w+\s*\(\w+\s+\*testing\.F\)")]
    private static partial Regex GoFuzz();

    [GeneratedRegex(@"LLVMFuzzerTestOneInput")]
    private static partial Regex LibFuzzer();

    [GeneratedRegex(@"libfuzzer_sys")]
    private static partial Regex RustFuzz();

    private static int FirstLine(string text, Regex pattern) =>
        pattern.Match(text) is { Success: true } match ? 1 + text.AsSpan(0, match.Index).Count('\n') : 0;

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
