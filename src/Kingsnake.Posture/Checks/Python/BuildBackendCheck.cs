using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Build-Backend: the package declares how it is built (<c>[build-system]</c> with <c>requires</c> and
/// <c>build-backend</c> in pyproject.toml, PEP 517/518), and setup.py does not hook custom commands into the build.
/// Without a declaration, installers fall back to running setup.py with whatever setuptools is around; custom
/// <c>cmdclass</c> commands run arbitrary code when a user installs from the sdist.
/// <para>
/// 10: declared, no custom commands. 7: declared, but setup.py passes <c>cmdclass</c>. 5: <c>[build-system]</c>
/// without <c>build-backend</c> (the legacy setuptools backend runs setup.py). 0: no <c>[build-system]</c>.
/// Not a package: not applicable.
/// </para>
/// </summary>
public sealed class BuildBackendCheck : IPostureCheck
{
    public string Name => "Build-Backend";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "The build backend is declared in pyproject.toml, with no install-time setup.py hooks.";

    public CheckResult Run(PostureContext context)
    {
        var layout = PackageLayout.Of(context);
        if (!layout.IsPackage)
        {
            return CheckResult.NotApplicable(this, "no pyproject.toml, setup.py or setup.cfg package metadata at the root");
        }

        var evidence = new List<CheckEvidence>();
        var commandClassLine = layout.SetupPyCommandClassLine;
        if (commandClassLine > 0)
        {
            evidence.Add(new CheckEvidence("setup.py passes custom commands (cmdclass), which run when the sdist is built or installed") { Path = "setup.py", Line = commandClassLine, Negative = true });
        }

        if (layout.BuildSystem is not { } buildSystem)
        {
            evidence.Insert(0, new CheckEvidence(layout.PyProjectPresent ? "pyproject.toml has no [build-system]" : "no pyproject.toml") { Path = layout.PyProjectPresent ? "pyproject.toml" : null, Negative = true });
            return CheckResult.Scored(this, 0, "no build backend declared: installers run setup.py with whatever setuptools they have",
                "add to pyproject.toml:\n[build-system]\nrequires = [\"setuptools>=77\"]\nbuild-backend = \"setuptools.build_meta\"", evidence);
        }

        var backend = buildSystem.String("build-backend");
        var requires = buildSystem.Array("requires");
        if (backend is null || requires is null)
        {
            evidence.Insert(0, new CheckEvidence($"[build-system] without {(backend is null ? "build-backend" : "requires")}") { Path = "pyproject.toml", Line = buildSystem.Line, Negative = true });
            return CheckResult.Scored(this, 5, backend is null ? "[build-system] names no build-backend: the legacy setuptools backend runs setup.py" : "[build-system] lists no requires",
                $"add `{(backend is null ? "build-backend = \"setuptools.build_meta\"" : "requires = [\"setuptools>=77\"]")}` under [build-system] in pyproject.toml", evidence);
        }

        evidence.Insert(0, new CheckEvidence($"build-backend = \"{backend}\"") { Path = "pyproject.toml", Line = buildSystem["build-backend"]?.Line ?? buildSystem.Line });
        return commandClassLine > 0
            ? CheckResult.Scored(this, 7, $"build backend {backend} declared, but setup.py adds custom build commands",
                $"move the custom commands in setup.py:{commandClassLine} into a build-backend plugin or a build step, so installing runs no project code", evidence)
            : CheckResult.Scored(this, 10, $"build backend {backend} declared", null, evidence);
    }
}
