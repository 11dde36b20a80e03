using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Packaging.Names;
using Kingsnake.Project;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// What a project's own <c>pyproject.toml</c> says about the project as a BOM root: its name and version
/// (<c>[project]</c>, else <c>[tool.poetry]</c>), and the names of its extras (<c>[project.optional-dependencies]</c>,
/// <c>[tool.poetry.extras]</c>) — dependency groups that are not extras are development-only.
/// </summary>
internal sealed record ProjectDescription(string? Name, string? Version, IReadOnlySet<string> Extras)
{
    public static ProjectDescription Read(ProjectTree project, List<InputError> errors)
    {
        var extras = new HashSet<string>(StringComparer.Ordinal);
        if (project.Find("pyproject.toml") is null || !project.TryRead("pyproject.toml", out var content, out var error))
        {
            return new ProjectDescription(null, null, extras);
        }

        TomlNode document;
        try
        {
            document = TomlDocument.Parse(content.Text, "pyproject.toml");
        }
        catch (InputFormatException ex)
        {
            errors.Add(ex.ToError("pyproject.toml"));
            return new ProjectDescription(null, null, extras);
        }

        _ = error;
        var pep621 = document.Table("project");
        var poetry = document.Path("tool", "poetry");
        foreach (var (extra, _) in pep621?.Table("optional-dependencies")?.Members ?? [])
        {
            extras.Add(PackageName.Normalize(extra));
        }

        foreach (var (extra, _) in poetry?.Table("extras")?.Members ?? [])
        {
            extras.Add(PackageName.Normalize(extra));
        }

        var name = pep621?.String("name") ?? poetry?.String("name");
        var version = pep621?.String("version") ?? poetry?.String("version");
        return new ProjectDescription(name, version, extras);
    }
}
