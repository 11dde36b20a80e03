using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Project;

namespace Kingsnake.Dependencies.Targets;

/// <summary>
/// Reads the Python versions a project declares it supports: <c>requires-python</c> in <c>[project]</c> of
/// <c>pyproject.toml</c>, else <c>python_requires</c> in <c>[options]</c> of <c>setup.cfg</c>. The dependency readers use
/// the same reading for every <c>pyproject.toml</c> and PEP 723 script they read, whose own declaration applies to the
/// dependencies they list. A value that is not a PEP 440 specifier set is an error for its file, and the range is then
/// unknown, as if nothing were declared.
/// </summary>
public static class SupportedPythonReader
{
    public const string PyProjectFileName = "pyproject.toml";

    public const string SetupCfgFileName = "setup.cfg";

    /// <summary>
    /// The range <paramref name="root"/> declares, with the errors met reading it. A <c>pyproject.toml</c> that cannot be
    /// read at all is not reported here (the configuration and the dependency readers report it); its range is unknown.
    /// </summary>
    public static (SupportedPython Python, IReadOnlyList<InputError> Errors) ReadProject(string root) => ReadProject(ProjectTree.Unwalked(root));

    /// <summary>
    /// The range <paramref name="project"/> declares, read through it: the <c>pyproject.toml</c> parse is the one the
    /// dependency readers share.
    /// </summary>
    public static (SupportedPython Python, IReadOnlyList<InputError> Errors) ReadProject(ProjectTree project)
    {
        var errors = new List<InputError>();
        void Error(SourceSpan location, string message) => errors.Add(new InputError(location, message));

        var pyproject = Path.Combine(project.RootPath, PyProjectFileName);
        if (File.Exists(pyproject))
        {
            TomlNode document;
            try
            {
                document = ProjectDocuments.Toml(project, pyproject);
            }
            catch (InputFormatException)
            {
                return (SupportedPython.Undeclared, errors);
            }

            if (document.Table("project")?["requires-python"] is not null)
            {
                return (FromPyProject(document, PyProjectFileName, Error), errors);
            }
        }

        var setupCfg = Path.Combine(project.RootPath, SetupCfgFileName);
        if (File.Exists(setupCfg))
        {
            try
            {
                return (FromSetupCfg(project.Read(setupCfg).Text, SetupCfgFileName, Error), errors);
            }
            catch (InputFormatException ex)
            {
                errors.Add(ex.ToError(SetupCfgFileName));
            }
        }

        return (SupportedPython.Undeclared, errors);
    }

    /// <summary><c>requires-python</c> of <c>[project]</c> in a parsed <c>pyproject.toml</c>.</summary>
    public static SupportedPython FromPyProject(TomlNode document, string relativePath, Action<SourceSpan, string> error) =>
        document.Table("project")?["requires-python"] is { } value
            ? FromValue(value, "[project] requires-python", new SourceSpan(relativePath, value.Line, Math.Max(value.Column, 1)), error)
            : SupportedPython.Undeclared;

    /// <summary>A TOML value that should be a specifier set (<c>requires-python</c> of pyproject.toml or a script block), found at <paramref name="at"/>.</summary>
    public static SupportedPython FromValue(TomlNode value, string what, SourceSpan at, Action<SourceSpan, string> error)
    {
        if (value.Kind != TomlNodeKind.String)
        {
            error(at, $"{what} must be a string such as \">=3.9\", found {value.Kind.ToString().ToLowerInvariant()}");
            return SupportedPython.Undeclared;
        }

        return FromText(value.Text!, what, at, error);
    }

    /// <summary><c>python_requires</c> of <c>[options]</c> in <c>setup.cfg</c> text, read as setuptools' configparser reads it.</summary>
    public static SupportedPython FromSetupCfg(string text, string relativePath, Action<SourceSpan, string> error)
    {
        // configparser: "[section]" headers; "key = value" or "key: value" options, keys lower-cased (setuptools also
        // takes dashes for underscores); indented lines continue a value; lines starting with # or ; are comments.
        string? section = null;
        string? key = null;
        (string Value, SourceSpan At)? found = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var content = line.TrimStart();
            if (content.Length == 0 || content[0] is '#' or ';')
            {
                continue;
            }

            if (line.Length > content.Length && key is not null)
            {
                if (section == "options" && key == "python_requires" && found is { } value)
                {
                    found = (value.Value + " " + content.TrimEnd(), value.At);
                }

                continue;
            }

            key = null;
            if (content[0] == '[' && content.TrimEnd().EndsWith(']'))
            {
                section = content.TrimEnd()[1..^1];
                continue;
            }

            var delimiter = content.IndexOfAny(['=', ':']);
            if (delimiter <= 0)
            {
                continue;
            }

            key = content[..delimiter].Trim().ToLowerInvariant().Replace('-', '_');
            if (section == "options" && key == "python_requires")
            {
                var rest = content[(delimiter + 1)..];
                var column = line.Length - content.Length + delimiter + 2 + (rest.Length - rest.TrimStart().Length);
                found = (rest.Trim(), new SourceSpan(relativePath, i + 1, column));
            }
        }

        return found is { } declared
            ? FromText(declared.Value.Trim(), "[options] python_requires", declared.At, error)
            : SupportedPython.Undeclared;
    }

    private static SupportedPython FromText(string text, string what, SourceSpan at, Action<SourceSpan, string> error)
    {
        if (!PythonRange.TryParse(text, out var range, out var problem))
        {
            error(at, $"{what} \"{text}\" is not a PEP 440 version specifier ({problem}); the supported Python versions are unknown");
            return SupportedPython.Undeclared;
        }

        return range.ToSupportedPython(at);
    }
}
