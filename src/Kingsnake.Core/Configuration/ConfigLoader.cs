using System.Globalization;
using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;

namespace Kingsnake.Core.Configuration;

/// <summary>
/// Reads Kingsnake's settings. <c>kingsnake.toml</c> wins over <c>[tool.kingsnake]</c> in
/// <c>pyproject.toml</c>, as with ruff's own file. Unknown keys are errors, so typos do not pass silently;
/// every error names the line of the offending value.
/// </summary>
public static partial class ConfigLoader
{
    public const string DedicatedFileName = "kingsnake.toml";
    public const string PyProjectFileName = "pyproject.toml";

    private static readonly string[] KnownKeys =
    [
        "baseline", "db", "exclude", "fail-on", "ignore", "ignore-vulnerabilities", "peer-triage", "per-file-ignores", "select", "severity", "target", "workflows",
    ];

    private static readonly string[] KnownTargetKeys = ["extras", "platform-machine", "python-version", "sys-platform"];

    private static readonly string[] KnownWorkflowKeys = ["allow-uses", "dependabot-cooldown-days", "deny-uses", "persona", "unpinned-policy"];

    /// <summary>
    /// Finds and reads the configuration for <paramref name="rootPath"/>; <paramref name="explicitFile"/>
    /// (from <c>--config</c>) overrides discovery. <paramref name="readText"/> reads a file's text, or returns null when
    /// there is no such file: the project's bounded reader (Core reads no files itself). Throws
    /// <see cref="InputFormatException"/> with the line of the fault.
    /// </summary>
    public static KingsnakeConfig Load(string rootPath, string? explicitFile, Func<string, string?> readText)
    {
        if (explicitFile is not null)
        {
            var isPyProject = Path.GetFileName(explicitFile).Equals(PyProjectFileName, StringComparison.OrdinalIgnoreCase);
            var explicitText = readText(explicitFile) ?? throw new InputFormatException($"cannot read configuration: no such file");
            return Parse(explicitText, isPyProject, explicitFile) ?? KingsnakeConfig.Default with { SourcePath = explicitFile };
        }

        if (Directory.Exists(rootPath))
        {
            var dedicated = Path.Combine(rootPath, DedicatedFileName);
            if (readText(dedicated) is { } dedicatedText)
            {
                return Parse(dedicatedText, fromPyProject: false, dedicated)! with { SourcePath = DedicatedFileName };
            }

            var pyproject = Path.Combine(rootPath, PyProjectFileName);
            if (readText(pyproject) is { } text)
            {
                try
                {
                    return Parse(text, fromPyProject: true, pyproject) is { } config ? config with { SourcePath = PyProjectFileName } : KingsnakeConfig.Default;
                }
                catch (TomlSyntaxException ex) when (!MayHoldSettings(text))
                {
                    // A pyproject.toml that is not TOML at all, and has no Kingsnake settings to lose, is one broken
                    // input: the dependency readers report it with its line, and the run goes on with the defaults
                    // rather than losing every other result. One that does hold settings is an unreadable configuration.
                    return KingsnakeConfig.Default with
                    {
                        Notes = [new InputNote(ex.ToError(PyProjectFileName).Location, "pyproject.toml is not valid TOML; it holds no [tool.kingsnake] table, so the run uses the default settings")],
                    };
                }
            }
        }

        return KingsnakeConfig.Default;
    }

    /// <summary>
    /// True when text that does not parse as TOML may still hold Kingsnake's settings: a <c>[tool.kingsnake…]</c> header,
    /// a <c>tool.kingsnake…</c> dotted key, or a <c>kingsnake = {…}</c> key (under <c>[tool]</c>) at the start of a line.
    /// </summary>
    internal static bool MayHoldSettings(string text) => SettingsMention().IsMatch(text);

    [GeneratedRegex(@"^[ \t]*(\[[ \t]*tool[ \t]*\.[ \t]*[""']?kingsnake|tool[ \t]*\.[ \t]*[""']?kingsnake|(kingsnake|""kingsnake""|'kingsnake')[ \t]*[=.])", RegexOptions.Multiline)]
    private static partial Regex SettingsMention();

    public static KingsnakeConfig? Parse(string text, bool fromPyProject, string sourcePath)
    {
        var document = TomlDocument.Parse(text, sourcePath);
        var table = fromPyProject ? document.Path("tool", "kingsnake") : document;
        if (table is null)
        {
            return null;
        }

        RequireKind(table, TomlNodeKind.Table, fromPyProject ? "[tool.kingsnake]" : "the document");
        return FromTable(table, sourcePath);
    }

    private static KingsnakeConfig FromTable(TomlNode table, string sourcePath)
    {
        CheckKeys(table, KnownKeys, "");
        var references = new List<RuleReference>();
        var config = new KingsnakeConfig
        {
            SourcePath = sourcePath,
            Select = RuleNames(table, "select", "select", references),
            Ignore = RuleNames(table, "ignore", "ignore", references),
            Exclude = Globs(table, "exclude"),
            Baseline = OptionalString(table, "baseline"),
            Database = OptionalString(table, "db"),
        };
        if (table["fail-on"] is { } failOn)
        {
            config = config with { FailOn = ParseSeverity(failOn, "fail-on") };
        }

        if (table["peer-triage"] is { } peerTriage)
        {
            config = config with
            {
                PeerTriage = peerTriage.Kind == TomlNodeKind.Boolean
                    ? peerTriage.IsTrue
                    : throw new InputFormatException("'peer-triage' must be true or false", peerTriage.Line, peerTriage.Column),
            };
        }

        if (table["per-file-ignores"] is { } perFile)
        {
            RequireKind(perFile, TomlNodeKind.Table, "per-file-ignores");
            var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (pattern, rules) in perFile.Members)
            {
                CheckGlob(pattern, rules);
                map[pattern] = RuleNames(perFile, pattern, $"per-file-ignores.\"{pattern}\"", references);
            }

            config = config with { PerFileIgnores = map };
        }

        if (table["severity"] is { } severity)
        {
            RequireKind(severity, TomlNodeKind.Table, "severity");
            var map = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var (rule, value) in severity.Members)
            {
                references.Add(new RuleReference(rule, "severity", value.Line, value.Column, ExactRule: true));
                map[rule] = ParseSeverity(value, $"severity.{rule}");
            }

            config = config with { SeverityOverrides = map };
        }

        if (table["ignore-vulnerabilities"] is { } ignores)
        {
            config = config with { IgnoreVulnerabilities = ParseVulnerabilityIgnores(ignores) };
        }

        if (table["target"] is { } target)
        {
            RequireKind(target, TomlNodeKind.Table, "target");
            CheckKeys(target, KnownTargetKeys, "target.");
            config = config with
            {
                Target = new TargetEnvironment
                {
                    PythonVersion = ReadPythonVersion(target),
                    SysPlatform = OptionalString(target, "sys-platform"),
                    PlatformMachine = OptionalString(target, "platform-machine"),
                    Extras = target["extras"] is null ? null : StringList(target, "extras"),
                },
            };
        }

        if (table["workflows"] is { } workflows)
        {
            RequireKind(workflows, TomlNodeKind.Table, "workflows");
            CheckKeys(workflows, KnownWorkflowKeys, "workflows.");
            int? cooldown = null;
            if (workflows["dependabot-cooldown-days"] is { } days)
            {
                cooldown = days.Kind == TomlNodeKind.Integer && int.TryParse(days.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                    ? value
                    : throw new InputFormatException("'workflows.dependabot-cooldown-days' must be a whole number of days", days.Line, days.Column);
            }

            config = config with
            {
                Workflows = new WorkflowSettings
                {
                    Persona = OneOf(workflows, "persona", ["regular", "pedantic", "auditor"]),
                    UnpinnedPolicy = OneOf(workflows, "unpinned-policy", ["hash-pin-third-party", "hash-pin", "ref-pin"]),
                    AllowUses = StringList(workflows, "allow-uses"),
                    DenyUses = StringList(workflows, "deny-uses"),
                    DependabotCooldownDays = cooldown,
                },
            };
        }

        return config with { RuleReferences = references };
    }

    private static string? ReadPythonVersion(TomlNode target)
    {
        var value = OptionalString(target, "python-version");
        if (value is not null && !TargetEnvironment.IsPythonVersion(value))
        {
            var node = target["python-version"]!;
            throw new InputFormatException($"'target.python-version' must be a Python release such as 3.12 or 3.12.4 (got '{value}')", node.Line, node.Column);
        }

        return value;
    }

    /// <summary>A list of rule selectors, each recorded with its line for <see cref="KingsnakeConfig.CheckRuleNames"/>.</summary>
    private static string[] RuleNames(TomlNode table, string key, string setting, List<RuleReference> references)
    {
        var items = StringItems(table, key);
        references.AddRange(items.Select(i => new RuleReference(i.Text!, setting, i.Line, i.Column)));
        return [.. items.Select(i => i.Text!)];
    }

    /// <summary>A list of gitignore-style patterns, each checked where it is written.</summary>
    private static string[] Globs(TomlNode table, string key)
    {
        var items = StringItems(table, key);
        foreach (var item in items)
        {
            CheckGlob(item.Text!, item);
        }

        return [.. items.Select(i => i.Text!)];
    }

    private static void CheckGlob(string pattern, TomlNode at)
    {
        if (GlobPattern.Problem(pattern) is { } problem)
        {
            throw new InputFormatException(problem, at.Line, at.Column);
        }
    }

    private static string? OneOf(TomlNode table, string key, string[] allowed)
    {
        var value = OptionalString(table, key);
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            var node = table[key]!;
            throw new InputFormatException($"'{key}' must be one of {string.Join(", ", allowed)} (got '{value}')", node.Line, node.Column);
        }

        return value;
    }

    private static List<VulnerabilityIgnore> ParseVulnerabilityIgnores(TomlNode value)
    {
        RequireKind(value, TomlNodeKind.Array, "ignore-vulnerabilities");
        var result = new List<VulnerabilityIgnore>();
        foreach (var item in value.Items)
        {
            switch (item.Kind)
            {
                case TomlNodeKind.String:
                    result.Add(new VulnerabilityIgnore(item.Text!));
                    break;
                case TomlNodeKind.Table:
                    CheckKeys(item, ["id", "reason", "until"], "ignore-vulnerabilities.");
                    var id = OptionalString(item, "id")
                        ?? throw new InputFormatException("an 'ignore-vulnerabilities' entry has no 'id'", item.Line, item.Column);
                    result.Add(new VulnerabilityIgnore(id, OptionalString(item, "reason") ?? "", ParseDate(item["until"])));
                    break;
                default:
                    throw new InputFormatException("'ignore-vulnerabilities' entries must be advisory ids or tables with id, reason and until", item.Line, item.Column);
            }
        }

        return result;
    }

    private static DateOnly? ParseDate(TomlNode? until)
    {
        if (until is null)
        {
            return null;
        }

        // A TOML date (2026-12-31) or date-time, or the same written as a string.
        var text = until.Text ?? "";
        if (until.Kind is TomlNodeKind.DateTime or TomlNodeKind.String && text.Length >= 10
            && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new InputFormatException($"'until' must be a date such as 2026-12-31, not '{until}'", until.Line, until.Column);
    }

    private static Severity ParseSeverity(TomlNode value, string key) =>
        value.Kind == TomlNodeKind.String && SeverityNames.TryParseSeverity(value.Text, out var severity)
            ? severity
            : throw new InputFormatException($"'{key}' must be one of info, low, medium, high, critical (got {value})", value.Line, value.Column);

    private static void CheckKeys(TomlNode table, string[] known, string prefix)
    {
        foreach (var (key, value) in table.Members)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                throw new InputFormatException($"unknown configuration key '{prefix}{key}' (known: {string.Join(", ", known)})", value.Line, value.Column);
            }
        }
    }

    private static void RequireKind(TomlNode node, TomlNodeKind kind, string what)
    {
        if (node.Kind != kind)
        {
            throw new InputFormatException($"'{what}' must be a {kind.ToString().ToLowerInvariant()}", node.Line, node.Column);
        }
    }

    private static string? OptionalString(TomlNode table, string key) =>
        table[key] is not { } value ? null
        : value.Kind == TomlNodeKind.String ? value.Text
        : throw new InputFormatException($"'{key}' must be a string", value.Line, value.Column);

    private static string[] StringList(TomlNode table, string key) => [.. StringItems(table, key).Select(i => i.Text!)];

    /// <summary>The string nodes of a value that is a string or a list of strings (each keeps its line).</summary>
    private static IReadOnlyList<TomlNode> StringItems(TomlNode table, string key)
    {
        if (table[key] is not { } value)
        {
            return [];
        }

        if (value.Kind == TomlNodeKind.String)
        {
            return [value];
        }

        if (value.Kind == TomlNodeKind.Array && value.Items.All(i => i.Kind == TomlNodeKind.String))
        {
            return value.Items;
        }

        throw new InputFormatException($"'{key}' must be a list of strings", value.Line, value.Column);
    }
}
