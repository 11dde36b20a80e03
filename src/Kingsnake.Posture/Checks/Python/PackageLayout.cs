using System.Text.RegularExpressions;
using Kingsnake.Core.Toml;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>What the project root says about how it is packaged: pyproject.toml's tables, setup.py, setup.cfg.</summary>
public sealed partial class PackageLayout
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PostureContext, PackageLayout> Cache = [];

    private PackageLayout(PostureContext context)
    {
        PyProject = context.PyProject;
        PyProjectPresent = context.Project.Find("pyproject.toml") is not null;
        SetupPy = context.ReadText("setup.py");
        SetupCfg = context.ReadText("setup.cfg");
    }

    public TomlNode? PyProject { get; }

    /// <summary>True when a pyproject.toml exists (even one that does not parse).</summary>
    public bool PyProjectPresent { get; }

    public string? SetupPy { get; }

    public string? SetupCfg { get; }

    public TomlNode? ProjectTable => PyProject?.Table("project");

    public TomlNode? BuildSystem => PyProject?.Table("build-system");

    /// <summary>True when the root holds a Python package to build: a <c>[project]</c>, <c>[build-system]</c> or <c>[tool.poetry]</c>, a setup.py, or a setup.cfg with <c>[metadata]</c>.</summary>
    public bool IsPackage => ProjectTable is not null || BuildSystem is not null || PyProject?.Path("tool", "poetry") is not null || SetupPy is not null
        || (SetupCfg is not null && SetupCfg.Contains("[metadata]", StringComparison.Ordinal));

    /// <summary>The line of setup.py where it passes custom commands (<c>cmdclass=</c>), 0 when it does not.</summary>
    public int SetupPyCommandClassLine => SetupPy is { } text && CommandClass().Match(text) is { Success: true } match ? text.AsSpan(0, match.Index).Count('\n') + 1 : 0;

    public static PackageLayout Of(PostureContext context) => Cache.GetValue(context, c => new PackageLayout(c));

    [GeneratedRegex(@"\bcmdclass\s*[=:]")]
    private static partial Regex CommandClass();
}
