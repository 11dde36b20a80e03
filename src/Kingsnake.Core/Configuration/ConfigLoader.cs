using System.Globalization;
using Kingsnake.Core.Findings;
using Tomlyn;
using Tomlyn.Model;

namespace Kingsnake.Core.Configuration;

/// <summary>
/// Reads Kingsnake's settings. <c>kingsnake.toml</c> wins over <c>[tool.kingsnake]</c> in
/// <c>pyproject.toml</c>, as with ruff's own file. Unknown keys are errors, so typos do not pass silently.
/// </summary>
public static class ConfigLoader
{
    public const string DedicatedFileName = "kingsnake.toml";
    public const string PyProjectFileName = "pyproject.toml";

    private static readonly HashSet<string> KnownKeys =
    [
        "fail-on", "select", "ignore", "exclude", "per-file-ignores", "severity", "ignore-vulnerabilities",
        "baseline", "db", "target",
    ];

    /// <summary>
    /// Finds and reads the configuration for <paramref name="rootPath"/>; <paramref name="explicitFile"/>
    /// (from <c>--config</c>) overrides discovery. Throws <see cref="InputFormatException"/> with the line of the fault.
    /// </summary>
    public static KingsnakeConfig Load(string rootPath, string? explicitFile = null)
    {
        if (explicitFile is not null)
        {
            var isPyProject = Path.GetFileName(explicitFile).Equals(PyProjectFileName, StringComparison.OrdinalIgnoreCase);
            return LoadFile(explicitFile, isPyProject) ?? KingsnakeConfig.Default with { SourcePath = explicitFile };
        }

        if (Directory.Exists(rootPath))
        {
            var dedicated = Path.Combine(rootPath, DedicatedFileName);
            if (File.Exists(dedicated))
            {
                return LoadFile(dedicated, fromPyProject: false)!;
            }

            var pyproject = Path.Combine(rootPath, PyProjectFileName);
            if (File.Exists(pyproject))
            {
                try
                {
                    return LoadFile(pyproject, fromPyProject: true) ?? KingsnakeConfig.Default;
                }
                catch (InputFormatException ex) when (ex.InnerException is TomlException)
                {
                    // A pyproject.toml that is not TOML at all is the dependency readers' error to report (with its
                    // line); the run goes on with default settings rather than losing every other result.
                    return KingsnakeConfig.Default with
                    {
                        Notes = [new InputNote(SourceSpan.WholeFile(PyProjectFileName), "pyproject.toml is not valid TOML, so its [tool.kingsnake] settings were not applied")],
                    };
                }
            }
        }

        return KingsnakeConfig.Default;
    }

    /// <summary>Reads one file; returns null when a pyproject.toml has no [tool.kingsnake] table.</summary>
    public static KingsnakeConfig? LoadFile(string path, bool fromPyProject)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new InputFormatException($"cannot read configuration: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputFormatException($"cannot read configuration: {ex.Message}", ex);
        }

        return Parse(text, fromPyProject, path);
    }

    public static KingsnakeConfig? Parse(string text, bool fromPyProject, string sourcePath)
    {
        var document = TomlText.Parse(text, sourcePath);
        var table = document;
        if (fromPyProject)
        {
            if (!TryGetTable(document, "tool", out var tool) || !TryGetTable(tool, "kingsnake", out table))
            {
                return null;
            }
        }

        return FromTable(table, sourcePath);
    }

    private static KingsnakeConfig FromTable(TomlTable table, string sourcePath)
    {
        foreach (var key in table.Keys)
        {
            if (!KnownKeys.Contains(key))
            {
                throw new InputFormatException(
                    $"unknown configuration key '{key}' (known: {string.Join(", ", KnownKeys.Order(StringComparer.Ordinal))})");
            }
        }

        var config = new KingsnakeConfig { SourcePath = sourcePath };
        if (table.TryGetValue("fail-on", out var failOn))
        {
            config = config with { FailOn = ParseSeverity(failOn, "fail-on") };
        }

        config = config with
        {
            Select = StringList(table, "select"),
            Ignore = StringList(table, "ignore"),
            Exclude = StringList(table, "exclude"),
            Baseline = OptionalString(table, "baseline"),
            Database = OptionalString(table, "db"),
        };

        if (TryGetTable(table, "per-file-ignores", out var perFile))
        {
            var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (pattern, _) in perFile)
            {
                map[pattern] = StringList(perFile, pattern);
            }

            config = config with { PerFileIgnores = map };
        }

        if (TryGetTable(table, "severity", out var severity))
        {
            var map = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var (rule, value) in severity)
            {
                map[rule] = ParseSeverity(value, $"severity.{rule}");
            }

            config = config with { SeverityOverrides = map };
        }

        if (table.TryGetValue("ignore-vulnerabilities", out var ignores))
        {
            config = config with { IgnoreVulnerabilities = ParseVulnerabilityIgnores(ignores) };
        }

        if (TryGetTable(table, "target", out var target))
        {
            config = config with
            {
                Target = new TargetEnvironment
                {
                    PythonVersion = OptionalString(target, "python-version"),
                    SysPlatform = OptionalString(target, "sys-platform"),
                    PlatformMachine = OptionalString(target, "platform-machine"),
                    Extras = target.ContainsKey("extras") ? StringList(target, "extras") : null,
                },
            };
        }

        return config;
    }

    private static List<VulnerabilityIgnore> ParseVulnerabilityIgnores(object value)
    {
        var result = new List<VulnerabilityIgnore>();
        IEnumerable<object?> items = value switch
        {
            TomlTableArray tables => tables,
            TomlArray array => array,
            _ => throw new InputFormatException("'ignore-vulnerabilities' must be a list of ids or of tables with id, reason and until"),
        };
        foreach (var item in items)
        {
            switch (item)
            {
                case string id:
                    result.Add(new VulnerabilityIgnore(id));
                    break;
                case TomlTable entry:
                    var entryId = OptionalString(entry, "id")
                        ?? throw new InputFormatException("an 'ignore-vulnerabilities' entry has no 'id'");
                    result.Add(new VulnerabilityIgnore(entryId, OptionalString(entry, "reason") ?? "", ParseDate(entry)));
                    break;
                default:
                    throw new InputFormatException("'ignore-vulnerabilities' entries must be strings or tables");
            }
        }

        return result;
    }

    private static DateOnly? ParseDate(TomlTable entry)
    {
        if (!entry.TryGetValue("until", out var until))
        {
            return null;
        }

        return until switch
        {
            TomlDateTime dateTime => DateOnly.FromDateTime(dateTime.DateTime.UtcDateTime),
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            DateTimeOffset dateTime => DateOnly.FromDateTime(dateTime.UtcDateTime),
            DateOnly date => date,
            string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
            _ => throw new InputFormatException($"'until' must be a date such as 2026-12-31, not '{until}'"),
        };
    }

    private static Severity ParseSeverity(object value, string key) =>
        value is string text && SeverityNames.TryParseSeverity(text, out var severity)
            ? severity
            : throw new InputFormatException($"'{key}' must be one of info, low, medium, high, critical (got '{value}')");

    private static bool TryGetTable(TomlTable table, string key, out TomlTable result)
    {
        if (table.TryGetValue(key, out var value) && value is TomlTable child)
        {
            result = child;
            return true;
        }

        result = null!;
        return false;
    }

    private static string? OptionalString(TomlTable table, string key) =>
        !table.TryGetValue(key, out var value) ? null
        : value as string ?? throw new InputFormatException($"'{key}' must be a string");

    private static string[] StringList(TomlTable table, string key)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return [];
        }

        return value switch
        {
            string single => [single],
            TomlArray array when array.All(x => x is string) => [.. array.Cast<string>()],
            _ => throw new InputFormatException($"'{key}' must be a list of strings"),
        };
    }
}
