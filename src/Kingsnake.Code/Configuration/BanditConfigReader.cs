using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Project;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kingsnake.Code.Configuration;

/// <summary>
/// Reads Bandit configuration as is: a <c>.bandit</c> INI file (<c>[bandit]</c> with comma-separated
/// <c>exclude</c>, <c>skips</c>, <c>tests</c>), <c>[tool.bandit]</c> in a TOML file, or a YAML file. Malformed files
/// raise <see cref="InputFormatException"/> with the line.
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
            return ReadFile(explicitPath);
        }

        if (project.Find(".bandit") is not null)
        {
            return ReadIni(project.Read(".bandit").Text, ".bandit");
        }

        if (project.Find("pyproject.toml") is not null)
        {
            var text = project.Read("pyproject.toml").Text;
            if (text.Contains("tool.bandit", StringComparison.Ordinal) || text.Contains("[tool]", StringComparison.Ordinal))
            {
                return ReadToml(text, "pyproject.toml") ?? BanditSettings.Empty;
            }
        }

        return BanditSettings.Empty;
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
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InputFormatException($"Bandit config {path} does not exist");
        }

        if (info.Length > MaxConfigBytes)
        {
            throw new InputFormatException($"Bandit config {path} is larger than {MaxConfigBytes} bytes");
        }

        return File.ReadAllText(path);
    }

    /// <summary><c>[bandit]</c> section of an INI file; other sections are ignored, as Bandit does.</summary>
    public static BanditSettings ReadIni(string text, string sourceName)
    {
        var inSection = false;
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
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
                    throw new InputFormatException($"{sourceName}: unterminated section header", lineNumber, 1);
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
                throw new InputFormatException($"{sourceName}: expected 'key = value'", lineNumber, 1);
            }

            values[line[..separator].Trim()] = SplitList(line[(separator + 1)..]);
        }

        return new BanditSettings
        {
            SourcePath = sourceName,
            Tests = values.GetValueOrDefault("tests") ?? [],
            Skips = values.GetValueOrDefault("skips") ?? [],
            ExcludeDirs = values.GetValueOrDefault("exclude") ?? [],
        };
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

        return new BanditSettings
        {
            SourcePath = sourceName,
            Tests = bandit["tests"] is { } tests ? TomlList(tests) : [],
            Skips = bandit["skips"] is { } skips ? TomlList(skips) : [],
            ExcludeDirs = bandit["exclude_dirs"] is { } exclude ? TomlList(exclude) : [],
            PluginOptions = plugins,
        };
    }

    private static IReadOnlyList<string> TomlList(TomlNode node) => node.Kind switch
    {
        TomlNodeKind.Array => [.. node.Items.Where(i => i.Text is not null).Select(i => i.Text!)],
        TomlNodeKind.Table => [],
        _ => node.Text is { } text ? [text] : [],
    };

    /// <summary>A YAML config: top-level <c>tests</c>, <c>skips</c>, <c>exclude_dirs</c>, and a mapping per plugin.</summary>
    public static BanditSettings ReadYaml(string text, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InputFormatException($"{sourceName}: invalid YAML: {ex.Message}", (int)ex.Start.Line, (int)ex.Start.Column, ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new BanditSettings { SourcePath = sourceName };
        }

        IReadOnlyList<string> tests = [], skips = [], exclude = [];
        var plugins = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "tests": tests = YamlList(valueNode); break;
                case "skips": skips = YamlList(valueNode); break;
                case "exclude_dirs": exclude = YamlList(valueNode); break;
                default:
                    if (valueNode is YamlMappingNode section)
                    {
                        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                        foreach (var (optionKey, optionValue) in section.Children)
                        {
                            if (optionKey is YamlScalarNode { Value: { } name })
                            {
                                options[name] = YamlList(optionValue);
                            }
                        }

                        plugins[key] = options;
                    }

                    break;
            }
        }

        return new BanditSettings { SourcePath = sourceName, Tests = tests, Skips = skips, ExcludeDirs = exclude, PluginOptions = plugins };
    }

    private static IReadOnlyList<string> YamlList(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => [.. sequence.Children.OfType<YamlScalarNode>().Where(s => s.Value is not null).Select(s => s.Value!)],
        YamlScalarNode { Value: { } value } => [value],
        _ => [],
    };
}
