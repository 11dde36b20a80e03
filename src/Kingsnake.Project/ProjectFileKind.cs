namespace Kingsnake.Project;

/// <summary>What a file of the project is to Kingsnake, decided once by its path.</summary>
public enum ProjectFileKind
{
    /// <summary>Nothing any area reads.</summary>
    Other,

    /// <summary><c>*.py</c>, <c>*.pyw</c>.</summary>
    PythonSource,

    /// <summary><c>.github/workflows/*.yml|yaml</c> at any depth.</summary>
    Workflow,

    /// <summary><c>action.yml|yaml</c>.</summary>
    Action,

    /// <summary><c>.github/dependabot.yml|yaml</c>.</summary>
    Dependabot,

    /// <summary><c>.pre-commit-config.yaml|yml</c>.</summary>
    PreCommit,

    /// <summary><c>requirements*.txt|in</c>, and <c>*.txt|in</c> in a <c>requirements*</c> directory.</summary>
    Requirements,

    PyProject,
    PoetryLock,
    UvLock,
    PipfileLock,
    PdmLock,

    /// <summary>PEP 751 <c>pylock.toml</c> and <c>pylock.NAME.toml</c>.</summary>
    PyLock,

    SetupCfg,

    /// <summary><c>kingsnake.toml</c>.</summary>
    KingsnakeConfig,

    /// <summary><c>ruff.toml</c>, <c>.ruff.toml</c>.</summary>
    RuffConfig,

    /// <summary><c>.bandit</c>.</summary>
    BanditConfig,

    /// <summary><c>zizmor.yml|yaml</c>.</summary>
    ZizmorConfig,

    GitIgnore,

    /// <summary><c>.github/kingsnake-pins.toml</c>: tag → commit facts for the workflow audit.</summary>
    ActionPins,

    /// <summary><c>pytest.ini</c> or <c>tox.ini</c>: a <c>[pytest]</c> section's <c>testpaths</c> say where the project's tests live.</summary>
    PytestIni,
}

/// <summary>Decides a file's <see cref="ProjectFileKind"/> from its path relative to the project root.</summary>
public static class ProjectFileClassifier
{
    public static ProjectFileKind Classify(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        var directory = slash < 0 ? "" : path[..slash];
        var parentName = directory[(directory.LastIndexOf('/') + 1)..];
        switch (name)
        {
            case "pyproject.toml":
                return ProjectFileKind.PyProject;
            case "poetry.lock":
                return ProjectFileKind.PoetryLock;
            case "uv.lock":
                return ProjectFileKind.UvLock;
            case "Pipfile.lock":
                return ProjectFileKind.PipfileLock;
            case "pdm.lock":
                return ProjectFileKind.PdmLock;
            case "setup.cfg":
                return ProjectFileKind.SetupCfg;
            case "kingsnake.toml":
                return ProjectFileKind.KingsnakeConfig;
            case "ruff.toml" or ".ruff.toml":
                return ProjectFileKind.RuffConfig;
            case ".bandit":
                return ProjectFileKind.BanditConfig;
            case "pytest.ini" or "tox.ini":
                return ProjectFileKind.PytestIni;
            case "zizmor.yml" or "zizmor.yaml":
                return ProjectFileKind.ZizmorConfig;
            case ".gitignore":
                return ProjectFileKind.GitIgnore;
            case "action.yml" or "action.yaml":
                return ProjectFileKind.Action;
            case ".pre-commit-config.yaml" or ".pre-commit-config.yml":
                return ProjectFileKind.PreCommit;
        }

        if (path == ".github/kingsnake-pins.toml")
        {
            return ProjectFileKind.ActionPins;
        }

        if (name.EndsWith(".py", StringComparison.Ordinal) || name.EndsWith(".pyw", StringComparison.Ordinal))
        {
            return ProjectFileKind.PythonSource;
        }

        if (IsPyLockFileName(name))
        {
            return ProjectFileKind.PyLock;
        }

        var isYaml = name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        if (isYaml && name is "dependabot.yml" or "dependabot.yaml" && parentName == ".github")
        {
            return ProjectFileKind.Dependabot;
        }

        if (isYaml && parentName == "workflows" && (directory == ".github/workflows" || directory.EndsWith("/.github/workflows", StringComparison.Ordinal)))
        {
            return ProjectFileKind.Workflow;
        }

        var isTextOrIn = name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".in", StringComparison.OrdinalIgnoreCase);
        return isTextOrIn && (name.StartsWith("requirements", StringComparison.OrdinalIgnoreCase) || parentName.StartsWith("requirements", StringComparison.OrdinalIgnoreCase))
            ? ProjectFileKind.Requirements
            : ProjectFileKind.Other;
    }

    /// <summary>PEP 751's names: <c>pylock.toml</c>, or <c>pylock.NAME.toml</c> with one dot-free NAME.</summary>
    public static bool IsPyLockFileName(string fileName) =>
        fileName == "pylock.toml"
        || (fileName.StartsWith("pylock.", StringComparison.Ordinal) && fileName.EndsWith(".toml", StringComparison.Ordinal)
            && fileName.Length > "pylock..toml".Length && !fileName["pylock.".Length..^".toml".Length].Contains('.', StringComparison.Ordinal));
}
