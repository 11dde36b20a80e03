using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Shell;
using Kingsnake.Dependencies.Reading;

namespace Kingsnake.Dependencies.Requirements;

/// <summary>
/// The line-level grammar of pip requirements files: <c>\</c> continuations, <c>#</c> comments (a <c>#</c> at the
/// start of a line or after whitespace), <c>${NAME}</c> expansion, and the options pip accepts there. Includes are
/// returned as entries; following them is <see cref="RequirementsFileReader"/>'s job.
/// </summary>
public static class RequirementsFileParser
{
    private enum OptionKind
    {
        Include,
        Constraint,
        Editable,
        Hash,
        PerRequirement,
        Global,
        GlobalFlag,
    }

    private readonly record struct OptionSpec(string Name, OptionKind Kind);

    // Options pip accepts in a requirements file; all but the per-requirement ones apply to the whole install.
    private static readonly Dictionary<string, OptionSpec> Options = BuildOptions();

    private static Dictionary<string, OptionSpec> BuildOptions()
    {
        var options = new Dictionary<string, OptionSpec>(StringComparer.Ordinal);
        void Add(OptionKind kind, params string[] names)
        {
            foreach (var name in names)
            {
                options[name] = new OptionSpec(names[^1], kind);
            }
        }

        Add(OptionKind.Include, "-r", "--requirement");
        Add(OptionKind.Constraint, "-c", "--constraint");
        Add(OptionKind.Editable, "-e", "--editable");
        Add(OptionKind.Hash, "--hash");
        Add(OptionKind.PerRequirement, "-C", "--config-settings");
        Add(OptionKind.PerRequirement, "--global-option");
        Add(OptionKind.Global, "-i", "--index-url");
        Add(OptionKind.Global, "--extra-index-url");
        Add(OptionKind.Global, "-f", "--find-links");
        Add(OptionKind.Global, "--trusted-host");
        Add(OptionKind.Global, "--no-binary");
        Add(OptionKind.Global, "--only-binary");
        Add(OptionKind.Global, "--use-feature");
        Add(OptionKind.GlobalFlag, "--no-index");
        Add(OptionKind.GlobalFlag, "--pre");
        Add(OptionKind.GlobalFlag, "--prefer-binary");
        Add(OptionKind.GlobalFlag, "--require-hashes");
        return options;
    }

    /// <summary>Hash algorithms pip accepts for <c>--hash</c>.</summary>
    private static readonly HashSet<string> HashAlgorithms = new(StringComparer.Ordinal) { "sha256", "sha384", "sha512" };

    /// <summary>
    /// Parses <paramref name="text"/>. Problems go to <paramref name="collector"/> under <paramref name="relativePath"/>;
    /// a bad line is reported and skipped, never the whole file.
    /// </summary>
    public static List<RequirementsEntry> Parse(
        string text, string relativePath, DependencyCollector collector, IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= collector.Options.EnvironmentVariables;
        var entries = new List<RequirementsEntry>();
        foreach (var (lineNumber, column, rawLogical) in LogicalLines(text))
        {
            var logical = StripComment(rawLogical);
            if (logical.Length == 0)
            {
                continue;
            }

            var line = ExpandVariables(logical, environment, relativePath, lineNumber, collector);
            var leading = line.Length - line.TrimStart().Length;
            line = line.Trim();
            ParseLine(line, relativePath, lineNumber, column + leading, collector, entries);
        }

        return entries;
    }

    /// <summary>
    /// Splits into logical lines the way pip does: a line ending in <c>\</c> continues on the next one, unless it is a
    /// comment line. Yields the first physical line's number and the column where the logical text starts.
    /// </summary>
    internal static IEnumerable<(int Line, int Column, string Text)> LogicalLines(string text)
    {
        var builder = new StringBuilder();
        var primaryLine = 0;
        var lineNumber = 0;
        var position = 0;
        while (position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                end = text.Length;
                if (position == text.Length)
                {
                    break;
                }
            }

            lineNumber++;
            var line = text.AsSpan(position, end - position);
            if (line.EndsWith("\r"))
            {
                line = line[..^1];
            }

            position = end + 1;
            var isComment = IsCommentLine(line);
            if (!line.EndsWith("\\") || isComment)
            {
                if (builder.Length > 0)
                {
                    // A comment line ends the continuation; the leading space makes sure it is still seen as a comment.
                    if (isComment)
                    {
                        builder.Append(' ');
                    }

                    builder.Append(line);
                    yield return (primaryLine, 1, builder.ToString());
                    builder.Clear();
                }
                else
                {
                    yield return (lineNumber, 1, line.ToString());
                }
            }
            else
            {
                if (builder.Length == 0)
                {
                    primaryLine = lineNumber;
                }

                builder.Append(line.TrimEnd('\\'));
            }
        }

        if (builder.Length > 0)
        {
            yield return (primaryLine, 1, builder.ToString());
        }
    }

    private static bool IsCommentLine(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("#") && (trimmed.Length == line.Length || char.IsWhiteSpace(line[line.Length - trimmed.Length - 1]));
    }

    /// <summary>Drops a comment: from a <c>#</c> at the line start or after whitespace (with that whitespace) to the end.</summary>
    internal static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '#')
            {
                continue;
            }

            if (i == 0)
            {
                return "";
            }

            if (char.IsWhiteSpace(line[i - 1]))
            {
                var start = i - 1;
                while (start > 0 && char.IsWhiteSpace(line[start - 1]))
                {
                    start--;
                }

                return line[..start].TrimEnd();
            }
        }

        return line.TrimEnd();
    }

    /// <summary>Expands <c>${NAME}</c> (upper-case letters, digits and underscores only, as pip does) from the caller's values.</summary>
    internal static string ExpandVariables(
        string line, IReadOnlyDictionary<string, string> environment, string relativePath, int lineNumber, DependencyCollector collector)
    {
        var start = line.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return line;
        }

        var builder = new StringBuilder(line.Length);
        var position = 0;
        while (start >= 0)
        {
            var end = start + 2;
            while (end < line.Length && line[end] is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_')
            {
                end++;
            }

            if (end < line.Length && line[end] == '}' && end > start + 2)
            {
                var name = line[(start + 2)..end];
                builder.Append(line, position, start - position);
                if (environment.TryGetValue(name, out var value))
                {
                    builder.Append(value);
                }
                else
                {
                    builder.Append(line, start, end + 1 - start);
                    collector.Note(relativePath, lineNumber, $"environment variable ${{{name}}} is not set; left unexpanded");
                }

                position = end + 1;
            }

            start = line.IndexOf("${", Math.Max(end, start + 2), StringComparison.Ordinal);
        }

        builder.Append(line, position, line.Length - position);
        return builder.ToString();
    }

    private static void ParseLine(
        string line, string relativePath, int lineNumber, int column, DependencyCollector collector, List<RequirementsEntry> entries)
    {
        // pip splits at the first space-separated token that starts with '-': before it is the requirement.
        var split = line.Length;
        var position = 0;
        while (position < line.Length)
        {
            if (line[position] == '-')
            {
                split = position;
                break;
            }

            var space = line.IndexOf(' ', position);
            if (space < 0)
            {
                break;
            }

            position = space + 1;
        }

        var requirementText = line[..split].Trim();
        var optionText = line[split..];

        List<string> tokens;
        try
        {
            // pip splits the options with shlex.split; so does the one shell lexer, in that dialect
            tokens = ShellScript.SplitWords(optionText, ShellDialect.PythonShlex);
        }
        catch (ShellSyntaxException ex)
        {
            collector.Error(relativePath, lineNumber, $"cannot split options: {ex.Message}");
            return;
        }

        var hashes = new List<string>();
        var perRequirement = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!TryMatchOption(token, out var spec, out var inlineValue))
            {
                collector.Error(relativePath, lineNumber, $"unknown option '{token}' (pip refuses it)");
                continue;
            }

            string? value = inlineValue;
            if (spec.Kind != OptionKind.GlobalFlag && value is null)
            {
                if (i + 1 >= tokens.Count)
                {
                    collector.Error(relativePath, lineNumber, $"option {spec.Name} needs a value");
                    continue;
                }

                value = tokens[++i];
            }

            if (requirementText.Length > 0 && spec.Kind is not (OptionKind.Hash or OptionKind.PerRequirement))
            {
                collector.Error(relativePath, lineNumber, $"option {spec.Name} cannot follow a requirement on the same line");
                continue;
            }

            switch (spec.Kind)
            {
                case OptionKind.Hash:
                    AddHash(value!, hashes, relativePath, lineNumber, collector);
                    break;
                case OptionKind.PerRequirement:
                    perRequirement.Add($"{spec.Name}={value}");
                    if (requirementText.Length == 0)
                    {
                        collector.Note(relativePath, lineNumber, $"option {spec.Name} applies to no requirement here; ignored");
                    }

                    break;
                case OptionKind.Include:
                    entries.Add(new RequirementsEntry(RequirementsEntryKind.Include, value!, lineNumber, column));
                    break;
                case OptionKind.Constraint:
                    entries.Add(new RequirementsEntry(RequirementsEntryKind.Constraint, value!, lineNumber, column));
                    break;
                case OptionKind.Editable:
                    entries.Add(new RequirementsEntry(RequirementsEntryKind.Editable, value!, lineNumber, column));
                    break;
                case OptionKind.Global:
                    collector.Note(relativePath, lineNumber, $"option {spec.Name} {value} names no dependency; ignored");
                    break;
                case OptionKind.GlobalFlag:
                    collector.Note(relativePath, lineNumber, $"option {spec.Name} names no dependency; ignored");
                    break;
            }
        }

        if (requirementText.Length > 0)
        {
            entries.Add(new RequirementsEntry(RequirementsEntryKind.Requirement, requirementText, lineNumber, column)
            {
                Hashes = hashes,
                Options = perRequirement,
            });
        }
        else if (hashes.Count > 0)
        {
            // `-e path --hash=…` (pip rejects hashes on editables) or a stray --hash: attach to an editable, else report.
            if (entries.Count > 0 && entries[^1] is { Kind: RequirementsEntryKind.Editable } editable && editable.Line == lineNumber)
            {
                entries[^1] = editable with { Hashes = hashes };
            }
            else
            {
                collector.Note(relativePath, lineNumber, "--hash applies to no requirement here; ignored");
            }
        }
    }

    private static void AddHash(string value, List<string> hashes, string relativePath, int lineNumber, DependencyCollector collector)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            collector.Error(relativePath, lineNumber, $"--hash '{value}' is not algorithm:digest");
            return;
        }

        var algorithm = value[..colon].ToLowerInvariant();
        if (!HashAlgorithms.Contains(algorithm))
        {
            collector.Error(relativePath, lineNumber, $"--hash algorithm '{algorithm}' is not one pip allows (sha256, sha384, sha512)");
            return;
        }

        hashes.Add($"{algorithm}:{value[(colon + 1)..].ToLowerInvariant()}");
    }

    private static bool TryMatchOption(string token, out OptionSpec spec, out string? inlineValue)
    {
        inlineValue = null;
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? token : token[..equals];
            if (equals >= 0)
            {
                inlineValue = token[(equals + 1)..];
            }

            if (Options.TryGetValue(name, out spec))
            {
                return true;
            }

            // optparse accepts unambiguous prefixes of long options (`--extra-index` for `--extra-index-url`).
            var matches = Options.Keys.Where(k => k.StartsWith(name, StringComparison.Ordinal) && k.StartsWith("--", StringComparison.Ordinal))
                .Select(k => Options[k]).Distinct().ToList();
            if (matches.Count == 1)
            {
                spec = matches[0];
                return true;
            }

            return false;
        }

        if (token.Length >= 2 && token[0] == '-' && Options.TryGetValue(token[..2], out spec))
        {
            if (token.Length > 2)
            {
                inlineValue = token[2..];
            }

            return true;
        }

        spec = default;
        return false;
    }
}
