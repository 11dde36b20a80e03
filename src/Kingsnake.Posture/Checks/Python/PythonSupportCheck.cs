using System.Text.RegularExpressions;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Versions;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Python-Support: the declared <c>requires-python</c> range still admits a CPython that gets security fixes. A
/// package that runs only on an end-of-life CPython keeps its users on an interpreter that no longer gets fixes.
/// <para>
/// The range comes from <c>[project] requires-python</c>, else setup.cfg or setup.py <c>python_requires</c>. A feature
/// release is supported from its first release to its end of life (five years, PEP 602), both dates from the CPython
/// release schedule (the devguide's table; 3.15's is PEP 790's plan), judged at the time reference (HEAD's date).
/// 10: the range admits a supported release. 5: no range declared. 0: it admits only end-of-life releases (or none
/// released yet). Not a package: not applicable.
/// </para>
/// </summary>
public sealed partial class PythonSupportCheck : IPostureCheck
{
    /// <summary>Minor version, first release, end of life (the last day of the month the devguide gives).</summary>
    internal static readonly (int Minor, DateOnly Released, DateOnly EndOfLife)[] Releases =
    [
        (6, new(2016, 12, 23), new(2021, 12, 23)),
        (7, new(2018, 6, 27), new(2023, 6, 27)),
        (8, new(2019, 10, 14), new(2024, 10, 7)),
        (9, new(2020, 10, 5), new(2025, 10, 31)),
        (10, new(2021, 10, 4), new(2026, 10, 31)),
        (11, new(2022, 10, 24), new(2027, 10, 31)),
        (12, new(2023, 10, 2), new(2028, 10, 31)),
        (13, new(2024, 10, 7), new(2029, 10, 31)),
        (14, new(2025, 10, 7), new(2030, 10, 31)),
        (15, new(2026, 10, 1), new(2031, 10, 31)),
    ];

    public string Name => "Python-Support";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "The requires-python range admits a CPython release that still gets security fixes.";

    public CheckResult Run(PostureContext context)
    {
        var layout = PackageLayout.Of(context);
        if (!layout.IsPackage)
        {
            return CheckResult.NotApplicable(this, "no pyproject.toml, setup.py or setup.cfg package metadata at the root");
        }

        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var supported = Releases.Where(r => r.Released <= today && today <= r.EndOfLife).Select(r => r.Minor).ToList();
        var supportedText = string.Join(", ", supported.Select(m => $"3.{m}"));
        if (Declared(layout) is not { } declared)
        {
            return CheckResult.Scored(this, 5, "no requires-python declared: installers cannot tell which CPython the package supports",
                $"add `requires-python = \">=3.{supported.FirstOrDefault(10)}\"` to [project] in pyproject.toml", []);
        }

        var evidence = new List<CheckEvidence>();
        if (!SpecifierSet.TryParse(declared.Text, out var range, out var error))
        {
            evidence.Add(new CheckEvidence($"requires-python \"{declared.Text}\" does not parse: {error}") { Path = declared.Path, Line = declared.Line, Negative = true });
            return CheckResult.Scored(this, 0, "requires-python does not parse", $"fix requires-python in {declared.Path}:{declared.Line}", evidence);
        }

        var admitted = Releases.Where(r => Admits(range, r.Minor)).ToList();
        var admittedSupported = admitted.Where(r => supported.Contains(r.Minor)).Select(r => $"3.{r.Minor}").ToList();
        evidence.Add(new CheckEvidence($"requires-python \"{declared.Text}\" admits {(admitted.Count == 0 ? "no CPython 3.6–3.15 release" : string.Join(", ", admitted.Select(r => $"3.{r.Minor}")))}")
        { Path = declared.Path, Line = declared.Line, Negative = admittedSupported.Count == 0 });
        if (admittedSupported.Count > 0)
        {
            return CheckResult.Scored(this, 10, $"requires-python admits supported {string.Join(", ", admittedSupported)}", null, evidence);
        }

        return CheckResult.Scored(this, 0, $"requires-python \"{declared.Text}\" admits no CPython with security support (supported now: {supportedText})",
            $"test on and allow a supported CPython ({supportedText}): change requires-python in {declared.Path}:{declared.Line}", evidence);
    }

    /// <summary>A minor release is admitted when the range holds its first or a late patch release (so <c>~=3.11.4</c> admits 3.11).</summary>
    private static bool Admits(SpecifierSet range, int minor) =>
        range.Contains(PythonVersion.Parse($"3.{minor}.0")) || range.Contains(PythonVersion.Parse($"3.{minor}.99"));

    private sealed record Declaration(string Text, string Path, int Line);

    private static Declaration? Declared(PackageLayout layout)
    {
        if (layout.ProjectTable?["requires-python"] is { Text: { } text } node)
        {
            return new Declaration(text, "pyproject.toml", node.Line);
        }

        foreach (var (path, content) in new[] { ("setup.cfg", layout.SetupCfg), ("setup.py", layout.SetupPy) })
        {
            if (content is not null && PythonRequires().Match(content) is { Success: true } match)
            {
                return new Declaration((match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value).Trim(), path, content.AsSpan(0, match.Index).Count('\n') + 1);
            }
        }

        return null;
    }

    /// <summary><c>python_requires=">=3.9, &lt;4"</c> in setup.py (quoted) or <c>python_requires = &gt;=3.9</c> in setup.cfg (to the line's end).</summary>
    [GeneratedRegex(@"python_requires\s*[=:]\s*(?:[""']([^""'\n]+)[""']|([^""'\s][^\n#;]*))")]
    private static partial Regex PythonRequires();
}
