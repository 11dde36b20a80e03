using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Reporting.Tests;

/// <summary>
/// Reports shaped like real runs: dependency findings with the facts of real PyPA advisories (jinja2 PYSEC-2021-66,
/// requests PYSEC-2023-74, py PYSEC-2022-42969, which has no fixed release), a fix, a whole-file finding, a
/// related location, input errors and notes, and non-ASCII text in paths and messages.
/// </summary>
internal static class SampleReports
{
    public static readonly Rule VulnerableDependency = new()
    {
        Id = "DEP001",
        Name = "vulnerable-dependency",
        Title = "Dependency with a known vulnerability",
        Area = "deps",
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Help = "The installed or pinned version of this package is affected by a published advisory.\n\n"
            + "**Fix:** upgrade to the first fixed release (`pip install -U name==version`), or add the advisory to "
            + "`ignore-vulnerabilities` with a reason and an expiry date if it cannot be reached.",
        Cwe = [1395],
        Aliases = ["pip-audit"],
    };

    public static readonly Rule ShellTrue = new()
    {
        Id = "PY602",
        Name = "subprocess-shell-true",
        Title = "Subprocess started through the shell",
        Area = "code",
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Help = "A command run with `shell=True` is parsed by `/bin/sh`: any part built from input can inject commands.\n\n"
            + "**Fix:** pass a list of arguments\nand `shell=False`.",
        Cwe = [78],
        Aliases = ["B602", "S602"],
    };

    public static readonly Rule HardcodedPassword = new()
    {
        Id = "PY105",
        Name = "hardcoded-password",
        Title = "Hard-coded password",
        Area = "code",
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.Medium,
        Help = "Secrets in source end up in every clone and every wheel. Read them from the environment or a secret store.",
        Cwe = [259],
        Aliases = ["B105", "S105"],
    };

    public static readonly Rule TemplateInjection = new()
    {
        Id = "GHA001",
        Name = "template-injection",
        Title = "Attacker-controlled expression expanded into a script",
        Area = "workflows",
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.Medium,
        Help = "`${{ }}` is expanded before the shell runs, so a crafted issue title becomes code.\n\n"
            + "Pass the value through `env:` and quote the variable.",
        Cwe = [94],
        Aliases = ["template-injection"],
    };

    public static readonly Rule InstallTimeCode = new()
    {
        Id = "PKG004",
        Name = "install-time-network",
        Title = "setup.py reaches the network at install time",
        Area = "packaging",
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.Medium,
        Help = "Code that downloads during installation runs with the installer's rights and defeats hash pinning.",
        Cwe = [829],
    };

    /// <summary>A rule the run used that found nothing: still listed in SARIF's rules.</summary>
    public static readonly Rule UnusedRule = new()
    {
        Id = "POS001",
        Name = "no-security-policy",
        Title = "No security policy",
        Area = "posture",
        DefaultSeverity = Severity.Info,
        DefaultConfidence = Confidence.High,
        Help = "Add a SECURITY.md that says how to report a vulnerability.",
    };

    public static Finding JinjaFinding() => new()
    {
        Rule = VulnerableDependency,
        Severity = Severity.High,
        Confidence = Confidence.High,
        Message = "jinja2 2.11.2 is affected by PYSEC-2021-66 (ReDoS in the urlize filter)",
        Location = new SourceSpan("requirements.txt", 4, 1, 4, 15),
        Data = new DependencyFindingData
        {
            Package = "jinja2",
            Version = "2.11.2",
            Advisories = ["PYSEC-2021-66"],
            Aliases = ["CVE-2020-28493", "GHSA-g3rq-g295-4j3m", "SNYK-PYTHON-JINJA2-1012994"],
            FixedIn = "2.11.3",
            Unpinned = false,
            IntroducedBy = IntroductionPath.Empty,
            Summary = "Regular expression denial of service in the urlize filter",
            CvssScore = 5.3,
        },
        Fix = new Fix("Pin jinja2==2.11.3", [new TextEdit(new SourceSpan("requirements.txt", 4, 1, 4, 15), "jinja2==2.11.3")]),
        FingerprintSource = "jinja2 PYSEC-2021-66",
    };

    public static Finding RequestsFinding() => new()
    {
        Rule = VulnerableDependency,
        Severity = Severity.Medium,
        Confidence = Confidence.Medium,
        Message = "requests>=2.20 allows 2.20.0, which is affected by PYSEC-2023-74 (Proxy-Authorization header leak)",
        Location = new SourceSpan("requirements.txt", 7, 1, 7, 15),
        Data = new DependencyFindingData
        {
            Package = "requests",
            Version = ">=2.20",
            Advisories = ["PYSEC-2023-74"],
            Aliases = ["CVE-2023-32681", "GHSA-j8r2-6x86-q33q"],
            FixedIn = "2.31.0",
            Unpinned = true,
            Summary = "Unintended leak of Proxy-Authorization header",
        },
        FingerprintSource = "requests PYSEC-2023-74",
    };

    public static Finding PyFinding() => new()
    {
        Rule = VulnerableDependency,
        Severity = Severity.Low,
        Confidence = Confidence.High,
        Message = "py 1.11.0 is affected by PYSEC-2022-42969 and no release fixes it",
        Location = new SourceSpan("uv.lock", 120, 1, 120, 12),
        Data = new DependencyFindingData
        {
            Package = "py",
            Version = "1.11.0",
            Advisories = ["PYSEC-2022-42969"],
            Aliases = ["CVE-2022-42969", "GHSA-w596-4wvx-j9j6"],
            Unpinned = false,
            IntroducedBy = ["pytest", "py"],
            Summary = "ReDoS in the Subversion info parser",
        },
        FingerprintSource = "py PYSEC-2022-42969",
    };

    public static Finding ShellFinding() => new()
    {
        Rule = ShellTrue,
        Severity = Severity.High,
        Confidence = Confidence.High,
        Message = "subprocess.run() with shell=True runs `tar -czf | gzip` built from the argument « nom »",
        Location = new SourceSpan("src/app/tâches.py", 12, 5, 12, 48),
        Related = [new SourceSpan("src/app/tâches.py", 10, 5, 10, 30)],
        FingerprintSource = "subprocess.run(commande, shell=True)",
    };

    public static Finding PasswordFinding() => new()
    {
        Rule = HardcodedPassword,
        Severity = Severity.Info,
        Confidence = Confidence.Medium,
        Message = "hard-coded password assigned to DB_PASSWORD (\"パスワード🔑\")",
        Location = new SourceSpan("src/app/tâches.py", 3, 1, 3, 27),
        FingerprintSource = "DB_PASSWORD = \"パスワード🔑\"",
    };

    public static Finding InjectionFinding() => new()
    {
        Rule = TemplateInjection,
        Severity = Severity.Critical,
        Confidence = Confidence.High,
        Message = "${{ github.event.issue.title }} is expanded into a `run: |` script of a job triggered by issues",
        Location = new SourceSpan(".github/workflows/triage.yml", 23, 14, 23, 47),
        FingerprintSource = "echo \"${{ github.event.issue.title }}\"",
    };

    public static Finding WholeFileFinding() => new()
    {
        Rule = InstallTimeCode,
        Severity = Severity.Medium,
        Confidence = Confidence.Medium,
        Message = "setup.py calls urllib.request.urlopen() at import time",
        Location = SourceSpan.WholeFile("setup.py"),
        FingerprintSource = "urllib.request.urlopen",
    };

    public static IReadOnlyList<Finding> AllFindings() =>
    [
        RequestsFinding(), ShellFinding(), WholeFileFinding(), JinjaFinding(), PyFinding(), InjectionFinding(), PasswordFinding(),
    ];

    public static Report Full() => Full(AllFindings());

    public static Report Full(IReadOnlyList<Finding> findings) => new()
    {
        ToolVersion = "0.1.0",
        RootPath = "/home/ci/projects/démo",
        StartedAt = new DateTimeOffset(2025, 1, 15, 10, 30, 0, TimeSpan.Zero),
        Rules = [VulnerableDependency, ShellTrue, HardcodedPassword, TemplateInjection, InstallTimeCode, UnusedRule],
        Findings = findings,
        Suppressed = [new SuppressedFinding(WholeFileFinding() with { Location = SourceSpan.WholeFile("setup_legacy.py") }, new SuppressionReason(SuppressionKind.RuffPerFileIgnore, "ruff per-file-ignores \"setup_*.py\" = [\"S\"]", new SourceSpan("pyproject.toml", 31, 15)))],
        Inventory =
        [
            new Component
            {
                Name = "requests",
                NormalizedName = "requests",
                Specifier = ">=2.20",
                Location = new SourceSpan("requirements.txt", 7, 1, 7, 15),
                Source = ComponentSource.Requirements,
            },
            new Component
            {
                Name = "Jinja2",
                NormalizedName = "jinja2",
                Version = "2.11.2",
                Specifier = "==2.11.2",
                Location = new SourceSpan("requirements.txt", 4, 1, 4, 15),
                Source = ComponentSource.Requirements,
                Hashes = ["sha256:03e47ad063331dd6a3f04a43eddca8a966a26ba0c5b7207a9a9e4e08f1b29419"],
            },
            new Component
            {
                Name = "py",
                NormalizedName = "py",
                Version = "1.11.0",
                Location = new SourceSpan("uv.lock", 118, 1),
                Source = ComponentSource.Lockfile,
                Direct = false,
                Group = "dev",
                IntroducedBy = ["pytest", "py"],
            },
        ],
        Errors =
        [
            new InputError(SourceSpan.WholeFile("dist/broken-1.0-py3-none-any.whl"), "not a zip archive: end of central directory not found"),
            new InputError(new SourceSpan("pyproject.toml", 14, 9), "invalid TOML: expected '=' after the key"),
        ],
        Notes = [new InputNote(new SourceSpan("requirements.txt", 1, 1), "--trusted-host names no dependency; ignored")],
        Timings =
        [
            new Timing("deps", TimeSpan.FromMilliseconds(12.5), "3 components"),
            new Timing("code", TimeSpan.FromMilliseconds(40.25)),
        ],
        Database = new SampleDatabaseInfo("pypa-advisory-database", "sha256:5f1c0e7d", "3 days"),
    };

    public static Report Empty() => new()
    {
        ToolVersion = "0.1.0",
        RootPath = ".",
        StartedAt = new DateTimeOffset(2025, 1, 15, 10, 30, 0, TimeSpan.Zero),
        Rules = [VulnerableDependency],
        Findings = [],
    };
}
