using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Project;

namespace Kingsnake.Code.Configuration;

/// <summary>
/// Where the project says its tests live: pytest's <c>testpaths</c>, read where pytest looks for its configuration,
/// in its order: the <c>[pytest]</c> section of <c>pytest.ini</c>, <c>[tool.pytest.ini_options]</c> of
/// <c>pyproject.toml</c>, the <c>[pytest]</c> section of <c>tox.ini</c>, the <c>[tool:pytest]</c> section of
/// <c>setup.cfg</c>. Files under them are test code, whatever they are named. A file that cannot be read or parsed
/// names nothing (the name-based rules still apply).
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
                if (paths is not null)
                {
                    return [.. paths.Items.Where(i => i.Kind == TomlNodeKind.String && i.Text is { Length: > 0 }).Select(i => Normalize(i.Text!))];
                }
            }

            foreach (var (file, section) in (ReadOnlySpan<(string, string)>)[("tox.ini", "[pytest]"), ("setup.cfg", "[tool:pytest]")])
            {
                if (project.Find(file) is not null && FromIni(project.Read(file).Text, section) is { Count: > 0 } found)
                {
                    return found;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InputFormatException or UnauthorizedAccessException)
        {
            // The configuration is the project's own business; a broken one must not stop the code audit.
        }

        return [];
    }

    /// <summary>The <c>testpaths</c> of an INI file's pytest section: whitespace-separated, continued on indented lines.</summary>
    public static IReadOnlyList<string> FromIni(string text, string section = "[pytest]")
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
                inSection = trimmed == section;
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
