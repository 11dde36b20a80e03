using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Project;

namespace Kingsnake.Code.Configuration;

/// <summary>
/// Where the project says its tests live: pytest's <c>testpaths</c>, from <c>[tool.pytest.ini_options]</c> of the
/// root's <c>pyproject.toml</c> or the <c>[pytest]</c> section of <c>pytest.ini</c>. Files under them are test code,
/// whatever they are named. A file that cannot be read or parsed names nothing (the name-based rules still apply).
/// </summary>
public static class PytestTestPaths
{
    public static IReadOnlyList<string> Read(ProjectTree project)
    {
        try
        {
            if (project.Find("pytest.ini") is not null && FromIni(project.Read("pytest.ini").Text) is { Count: > 0 } fromIni)
            {
                return fromIni;
            }

            if (project.Find("pyproject.toml") is not null)
            {
                var document = TomlDocument.Parse(project.Read("pyproject.toml").Text, "pyproject.toml");
                var paths = document.Path("tool", "pytest", "ini_options")?.Array("testpaths");
                return paths is null ? [] : [.. paths.Items.Where(i => i.Kind == TomlNodeKind.String && i.Text is { Length: > 0 }).Select(i => Normalize(i.Text!))];
            }
        }
        catch (Exception ex) when (ex is IOException or InputFormatException or UnauthorizedAccessException)
        {
            // The configuration is the project's own business; a broken one must not stop the code audit.
        }

        return [];
    }

    /// <summary>The <c>testpaths</c> of an INI file's <c>[pytest]</c> section: whitespace-separated, continued on indented lines.</summary>
    public static IReadOnlyList<string> FromIni(string text)
    {
        var result = new List<string>();
        var inSection = false;
        var inValue = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith('['))
            {
                inSection = trimmed == "[pytest]";
                inValue = false;
                continue;
            }

            if (!inSection || trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (inValue && char.IsWhiteSpace(line[0]))
            {
                result.AddRange(trimmed.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Normalize));
                continue;
            }

            inValue = false;
            var separator = trimmed.IndexOfAny(['=', ':']);
            if (separator > 0 && trimmed[..separator].Trim() == "testpaths")
            {
                inValue = true;
                result.AddRange(trimmed[(separator + 1)..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Normalize));
            }
        }

        return result;
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/').TrimEnd('/');
}
