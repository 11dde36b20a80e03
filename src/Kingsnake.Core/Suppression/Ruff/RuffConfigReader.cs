using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;

namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// Reads the ruff configuration at a project's root as ruff finds it in one directory: <c>.ruff.toml</c>, else
/// <c>ruff.toml</c>, else <c>pyproject.toml</c> when it has a <c>[tool.ruff]</c> table. Then follows its <c>extend</c>
/// chain: each path is relative to the directory of the file that names it, must stay inside the project (a path that
/// leaves it, or starts with <c>~</c> or names an environment variable, is an error at the referring line and is never
/// read), and a chain that comes back to a file it already read is an error. A file named <c>pyproject.toml</c> is read
/// at <c>[tool.ruff]</c>, any other at its top level.
/// <para>
/// Read per file: <c>lint.select</c>, <c>lint.extend-select</c>, <c>lint.ignore</c>, <c>lint.extend-ignore</c>,
/// <c>lint.per-file-ignores</c>, <c>lint.extend-per-file-ignores</c>, each falling back to the legacy top-level key of
/// the same name. In the chain the nearest file's <c>per-file-ignores</c> replaces the base's, while every file's
/// <c>extend-per-file-ignores</c> add up. Every value read is checked: a list of strings, each selector shaped as ruff
/// writes them (<c>ALL</c>, <c>S</c>, <c>S1</c>, <c>S101</c>; codes Kingsnake has no rule for are fine), each glob one
/// globset compiles. A fault is an <see cref="InputError"/> naming the file and line, and the whole ruff configuration
/// is then left out (every finding reported) rather than half-read. Other ruff settings are not read.
/// </para>
/// </summary>
public static class RuffConfigReader
{
    /// <summary>The files ruff looks for in a directory, in its order of precedence.</summary>
    public static readonly string[] FileNames = [".ruff.toml", "ruff.toml", "pyproject.toml"];

    /// <summary>The longest extend chain followed.</summary>
    public const int MaxChain = 32;

    /// <summary>The project's ruff settings; null when it has none or they are faulty (then <paramref name="errors"/> says why).</summary>
    public static RuffSettings? Read(ISourceLines files, List<InputError> errors)
    {
        foreach (var name in FileNames)
        {
            if (files.Text(name) is not { } text)
            {
                continue;
            }

            try
            {
                var table = OptionsOf(text, name);
                if (table is not null)
                {
                    return ReadChain(files, name, table);
                }
            }
            catch (InputFormatException ex)
            {
                errors.Add(ex.ToError(name));
                return null;
            }
            catch (RuffConfigException ex)
            {
                errors.Add(ex.Error);
                return null;
            }
        }

        return null;
    }

    private static RuffSettings ReadChain(ISourceLines files, string first, TomlNode firstTable)
    {
        var chain = new List<(string Path, TomlNode Table)> { (first, firstTable) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { first };
        while (chain[^1].Table["extend"] is { } extend)
        {
            var (from, _) = chain[^1];
            if (extend.Kind != TomlNodeKind.String)
            {
                throw Fault(from, extend, "'extend' must be a path (a string)");
            }

            var target = Resolve(from, extend.Text!) ?? throw Fault(from, extend, $"extend = \"{extend.Text}\" leads outside the project; it is not read");
            if (!seen.Add(target))
            {
                throw Fault(from, extend, $"extend = \"{extend.Text}\" comes back to {target}: the extend chain is a cycle");
            }

            if (chain.Count == MaxChain)
            {
                throw Fault(from, extend, $"the extend chain is longer than {MaxChain} files");
            }

            var text = files.Text(target) ?? throw Fault(from, extend, $"extend = \"{extend.Text}\" names {target}, which is not a readable file of the project");
            TomlNode? table;
            try
            {
                table = OptionsOf(text, target);
            }
            catch (InputFormatException ex)
            {
                throw new RuffConfigException(ex.ToError(target));
            }

            chain.Add((target, table ?? throw Fault(from, extend, $"extend = \"{extend.Text}\" names {target}, which has no [tool.ruff] table")));
        }

        var layers = new List<RuffSelectionLayer> { RuffSelectionLayer.Defaults };
        List<RuffPerFileIgnore>? perFile = null;
        var extendPerFile = new List<RuffPerFileIgnore>();
        foreach (var (path, table) in chain)
        {
            var lint = table["lint"];
            if (lint is not null && lint.Kind != TomlNodeKind.Table)
            {
                throw Fault(path, lint, "'lint' must be a table");
            }

            TomlNode? Value(string key) => lint?[key] ?? table[key];
            var select = Value("select");
            layers.Insert(1, new RuffSelectionLayer(
                select is null ? null : Selectors(path, select, "select"),
                Value("extend-select") is { } extendSelect ? Selectors(path, extendSelect, "extend-select") : [],
                [.. Value("ignore") is { } ignore ? Selectors(path, ignore, "ignore") : [], .. Value("extend-ignore") is { } extendIgnore ? Selectors(path, extendIgnore, "extend-ignore") : []]));
            if (perFile is null && Value("per-file-ignores") is { } own)
            {
                perFile = PerFileIgnores(path, own, "per-file-ignores");
            }

            if (Value("extend-per-file-ignores") is { } extra)
            {
                extendPerFile.AddRange(PerFileIgnores(path, extra, "extend-per-file-ignores"));
            }
        }

        return new RuffSettings([.. chain.Select(c => c.Path)], layers, [.. perFile ?? [], .. extendPerFile]);
    }

    /// <summary>The table ruff reads its options from: the whole file, or <c>[tool.ruff]</c> of a pyproject.toml (null when absent).</summary>
    private static TomlNode? OptionsOf(string text, string path)
    {
        var document = TomlDocument.Parse(text, path);
        if (!FileName(path).Equals("pyproject.toml", StringComparison.Ordinal))
        {
            return document;
        }

        if (document.Path("tool") is { } tool && tool["ruff"] is { } ruff)
        {
            return ruff.Kind == TomlNodeKind.Table ? ruff : throw new InputFormatException("'tool.ruff' must be a table", ruff.Line, ruff.Column);
        }

        return null;
    }

    private static List<RuffSelector> Selectors(string path, TomlNode value, string key)
    {
        if (value.Kind != TomlNodeKind.Array)
        {
            throw Fault(path, value, $"'{key}' must be a list of rule selectors");
        }

        var selectors = new List<RuffSelector>();
        foreach (var item in value.Items)
        {
            if (item.Kind != TomlNodeKind.String || !RuffSelector.IsWellFormed(item.Text!))
            {
                throw Fault(path, item, $"'{key}' holds {Describe(item)}, which is not a ruff rule selector (such as ALL, S, S1 or S101)");
            }

            selectors.Add(new RuffSelector(item.Text!, new SourceSpan(path, item.Line, item.Column)));
        }

        return selectors;
    }

    private static List<RuffPerFileIgnore> PerFileIgnores(string path, TomlNode value, string key)
    {
        if (value.Kind != TomlNodeKind.Table)
        {
            throw Fault(path, value, $"'{key}' must be a table of glob = [selectors]");
        }

        var baseDirectory = DirectoryOf(path);
        var entries = new List<RuffPerFileIgnore>();
        foreach (var (pattern, selectors) in value.Members)
        {
            var list = Selectors(path, selectors, $"{key}.\"{pattern}\"");
            try
            {
                entries.Add(new RuffPerFileIgnore(pattern, baseDirectory, list, new SourceSpan(path, selectors.Line, selectors.Column)));
            }
            catch (FormatException ex)
            {
                throw Fault(path, selectors, $"'{key}' glob \"{pattern}\" is malformed: {ex.Message}");
            }
        }

        return entries;
    }

    /// <summary>
    /// <paramref name="target"/> joined to the directory of <paramref name="from"/>, normalised, as a path from the
    /// project root; null when it is absolute, starts at a home directory, names an environment variable (which ruff
    /// would expand) or climbs out of the project.
    /// </summary>
    private static string? Resolve(string from, string target)
    {
        if (target.Length == 0 || target[0] is '/' or '\\' or '~' || target.Contains('$', StringComparison.Ordinal) || (target.Length > 1 && target[1] == ':'))
        {
            return null;
        }

        var parts = new List<string>();
        var directory = DirectoryOf(from);
        foreach (var part in (directory.Length == 0 ? target : directory + "/" + target).Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    private static string DirectoryOf(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string Describe(TomlNode item) => item.Kind == TomlNodeKind.String ? $"\"{item.Text}\"" : $"a {item.Kind.ToString().ToLowerInvariant()}";

    private static RuffConfigException Fault(string path, TomlNode node, string message) =>
        new(new InputError(new SourceSpan(path, node.Line, Math.Max(node.Column, 1)), message));

    /// <summary>A fault in one file of the chain, already carrying that file's name.</summary>
    private sealed class RuffConfigException(InputError error) : Exception(error.Message)
    {
        public InputError Error { get; } = error;
    }
}
