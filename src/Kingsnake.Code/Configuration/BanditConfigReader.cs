using Kingsnake.Code.Rules;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Core.Yaml;
using Kingsnake.Project;

namespace Kingsnake.Code.Configuration;

/// <summary>
/// Reads Bandit configuration as is: a <c>.bandit</c> INI file (<c>[bandit]</c> with comma-separated
/// <c>exclude</c>, <c>skips</c>, <c>tests</c>), <c>[tool.bandit]</c> in a TOML file, or a YAML file (through the shared
/// loader and its limits). Malformed files, a <c>tests</c> or <c>skips</c> entry that is no Bandit test id (Bandit only
/// warns, and a typo in <c>tests</c> would switch every check off) and a malformed <c>exclude_dirs</c> pattern raise
/// <see cref="BanditConfigException"/> naming the file, with the line.
/// </summary>
public static class BanditConfigReader
{
    private const long MaxConfigBytes = 1 << 20;

    /// <summary>
    /// The configuration for a scan of <paramref name="project"/>: the explicit file if given, else <c>.bandit</c> at the
    /// root, else <c>[tool.bandit]</c> of the root's <c>pyproject.toml</c>, both read through the project;
    /// <see cref="BanditSettings.Empty"/> when none.
    /// </summary>
    public static BanditSettings Load(ProjectTree project, string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return Naming(explicitPath, () => ReadFile(explicitPath));
        }

        if (project.Find(".bandit") is not null)
        {
            return Naming(".bandit", () => ReadIni(project.Read(".bandit").Text, ".bandit"));
        }

        if (project.Find("pyproject.toml") is not null)
        {
            return Naming("pyproject.toml", () =>
            {
                var text = project.Read("pyproject.toml").Text;
                return text.Contains("tool.bandit", StringComparison.Ordinal) || text.Contains("[tool]", StringComparison.Ordinal)
                    ? ReadToml(text, "pyproject.toml") ?? BanditSettings.Empty
                    : BanditSettings.Empty;
            });
        }

        return BanditSettings.Empty;
    }

    /// <summary>Runs <paramref name="read"/>, turning a fault into a <see cref="BanditConfigException"/> that names <paramref name="path"/>.</summary>
    private static BanditSettings Naming(string path, Func<BanditSettings> read)
    {
        try
        {
            return read();
        }
        catch (InputFormatException ex) when (ex is not BanditConfigException)
        {
            throw new BanditConfigException(path, ex);
        }
    }

    /// <summary>Reads an explicitly named file by its extension: .yaml/.yml, .toml, anything else as INI.</summary>
    public static BanditSettings ReadFile(string path)
    {
        var text = ReadText(path);
        var name = Path.GetFileName(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".yaml" or ".yml" => ReadYaml(text, name),
            ".toml" => ReadToml(text, name) ?? new BanditSettings { SourcePath = name },
            _ => ReadIni(text, name),
        };
    }

    private static string ReadText(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFormatException($"Bandit config {path} does not exist");
        }

        // a file the user named: read through the one bounded reader all the same (no FIFO waits, no /dev/zero)
        return FileContent.Decode(Kingsnake.Project.Files.BoundedFileReader.Read(path, MaxConfigBytes));
    }

    /// <summary><c>[bandit]</c> section of an INI file; other sections are ignored, as Bandit does.</summary>
    public static BanditSettings ReadIni(string text, string sourceName)
    {
        var inSection = false;
        var values = new Dictionary<string, (List<string> Items, int Line)>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (!line.EndsWith(']'))
                {
                    throw new InputFormatException("unterminated section header", lineNumber, 1);
                }

                inSection = line[1..^1].Trim().Equals("bandit", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (!inSection)
            {
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
            {
                throw new InputFormatException("expected 'key = value'", lineNumber, 1);
            }

            values[line[..separator].Trim()] = (SplitList(line[(separator + 1)..]), lineNumber);
        }

        return Build(sourceName, "exclude", key => values.TryGetValue(key, out var value) ? [.. value.Items.Select(i => new Entry(i, value.Line, 1))] : []);
    }

    /// <summary>One entry of a list setting and where it was written.</summary>
    private readonly record struct Entry(string Value, int Line, int Column);

    /// <summary>
    /// The settings from the list entries a format found under each key (<paramref name="excludeKey"/> is <c>exclude</c> in
    /// INI, <c>exclude_dirs</c> elsewhere), checked the same way whatever the format.
    /// </summary>
    private static BanditSettings Build(
        string sourceName, string excludeKey, Func<string, IReadOnlyList<Entry>> entries, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? plugins = null)
    {
        var tests = entries("tests");
        var skips = entries("skips");
        var exclude = entries(excludeKey);
        CheckTestIds("tests", tests);
        CheckTestIds("skips", skips);
        CheckGlobs(excludeKey, exclude);
        return new BanditSettings
        {
            SourcePath = sourceName,
            Tests = [.. tests.Select(e => e.Value)],
            Skips = [.. skips.Select(e => e.Value)],
            SkipLines = [.. skips.Select(e => e.Line)],
            TestsLine = tests.Count > 0 ? tests[0].Line : 0,
            ExcludeDirs = [.. exclude.Select(e => e.Value)],
            PluginOptions = plugins ?? BanditSettings.Empty.PluginOptions,
        };
    }

    /// <summary>
    /// Every <c>tests</c>/<c>skips</c> entry must be a Bandit test id (any case, as they are matched) or <c>B001</c>, which
    /// names every blacklist test.
    /// </summary>
    private static void CheckTestIds(string key, IReadOnlyList<Entry> entries)
    {
        foreach (var (value, line, column) in entries)
        {
            var id = value.ToUpperInvariant();
            if (id != "B001" && !RuleCatalog.BanditNames.ContainsKey(id))
            {
                var named = RuleCatalog.BanditNames.FirstOrDefault(p => p.Value == value).Key;
                var hint = named is null ? "such as B602; B001 names every blacklist test" : $"'{value}' is the name of {named}; Bandit takes ids here";
                throw new InputFormatException($"'{value}' in '{key}' is not a Bandit test id ({hint})", line, column);
            }
        }
    }

    /// <summary>Every <c>exclude_dirs</c> entry must be a usable pattern (<see cref="GlobPattern"/>).</summary>
    private static void CheckGlobs(string key, IReadOnlyList<Entry> entries)
    {
        foreach (var (value, line, column) in entries)
        {
            if (GlobPattern.Problem(value) is { } problem)
            {
                throw new InputFormatException($"'{key}': {problem}", line, column);
            }
        }
    }

    private static List<string> SplitList(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary><c>[tool.bandit]</c> of a TOML file; null when the file has no such table.</summary>
    public static BanditSettings? ReadToml(string text, string sourceName)
    {
        var document = TomlDocument.Parse(text, sourceName);
        if (document.Path("tool", "bandit") is not { Kind: TomlNodeKind.Table } bandit)
        {
            return null;
        }

        var plugins = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (key, value) in bandit.Members)
        {
            if (value.Kind == TomlNodeKind.Table)
            {
                var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                foreach (var (optionKey, optionValue) in value.Members)
                {
                    options[optionKey] = TomlList(optionValue);
                }

                plugins[key] = options;
            }
        }

        return Build(sourceName, "exclude_dirs", key => bandit[key] is { } node ? [.. TomlItems(node).Select(i => new Entry(i.Text!, i.Line, i.Column))] : [], plugins);
    }

    /// <summary>The string items of a value that is a string or a list (a table has none).</summary>
    private static IEnumerable<TomlNode> TomlItems(TomlNode node) => node.Kind switch
    {
        TomlNodeKind.Array => node.Items.Where(i => i.Text is not null),
        TomlNodeKind.Table => [],
        _ => node.Text is null ? [] : [node],
    };

    private static IReadOnlyList<string> TomlList(TomlNode node) => [.. TomlItems(node).Select(i => i.Text!)];

    /// <summary>A YAML config: top-level <c>tests</c>, <c>skips</c>, <c>exclude_dirs</c>, and a mapping per plugin.</summary>
    public static BanditSettings ReadYaml(string text, string sourceName)
    {
        if (YamlDocument.Parse(text).Root is not YamlMapping root)
        {
            return new BanditSettings { SourcePath = sourceName };
        }

        var plugins = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Entries)
        {
            if (key.Value is "tests" or "skips" or "exclude_dirs" || value is not YamlMapping section)
            {
                continue;
            }

            var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (optionKey, optionValue) in section.Entries)
            {
                options[optionKey.Value] = YamlList(optionValue);
            }

            plugins[key.Value] = options;
        }

        return Build(sourceName, "exclude_dirs", key => root.Get(key) switch
        {
            YamlSequence sequence => [.. sequence.Items.OfType<YamlScalar>().Select(i => new Entry(i.Value, i.Start.Line, i.Start.Column))],
            YamlScalar { IsNull: false } scalar => [new Entry(scalar.Value, scalar.Start.Line, scalar.Start.Column)],
            _ => [],
        }, plugins);
    }

    private static IReadOnlyList<string> YamlList(YamlNode node) => node switch
    {
        YamlSequence sequence => [.. sequence.Items.OfType<YamlScalar>().Select(s => s.Value)],
        YamlScalar scalar => [scalar.Value],
        _ => [],
    };
}

/// <summary>A Bandit configuration file that cannot be used, with the file it came from (<see cref="SourcePath"/>) and the line.</summary>
public sealed class BanditConfigException : InputFormatException
{
    public BanditConfigException(string sourcePath, InputFormatException inner)
        : base(inner.Message, inner.Line, inner.Column, inner)
    {
        SourcePath = sourcePath;
    }

    /// <summary>The file as the run names it: <c>.bandit</c>, <c>pyproject.toml</c> or the path given with <c>--bandit-config</c>.</summary>
    public string SourcePath { get; }
}
