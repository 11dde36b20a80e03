using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Requirements;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Versions;
using Kingsnake.Project;

namespace Kingsnake.Dependencies.Auditing;

/// <summary>How a vulnerable dependency gets to its safe release: a text edit Kingsnake can make, or a command only the owning tool can run.</summary>
/// <param name="Fix">The edit of the requirement as written (a pin or a lower bound), formatting kept; null when the file is not Kingsnake's to edit.</param>
/// <param name="Command">The command that makes the upgrade instead (a relock, a recompile with hashes); null when there is none to give.</param>
internal sealed record Remedy(Fix? Fix, string? Command)
{
    public static Remedy None { get; } = new(null, null);
}

/// <summary>
/// Works out remedies for one run. What a lock owns is never edited: a lockfile gets its tool's upgrade command, and a
/// requirements file with <c>--hash</c> lines gets its compiler's command (hashes cannot be computed offline, and a
/// pin without its hashes makes pip refuse the whole file). Plain requirements files and <c>pyproject.toml</c> get an
/// edit of the one requirement: a pin moved to the safe release, or a lower bound raised to it.
/// </summary>
internal sealed partial class DependencyRemedy(ProjectTree project)
{
    private readonly ConcurrentDictionary<string, RequirementsFileFacts?> _files = new(StringComparer.Ordinal);

    /// <param name="component">The vulnerable component.</param>
    /// <param name="safe">The release to move to.</param>
    /// <param name="declarations">
    /// For a lockfile's component, the ranges the project's manifests declare for the same package: the lower bound of
    /// the one in the lockfile's <c>pyproject.toml</c> is raised too, so the relock cannot pick a vulnerable release.
    /// </param>
    public Remedy For(Component component, PythonVersion safe, IEnumerable<Component>? declarations = null)
    {
        return component.Source switch
        {
            ComponentSource.Lockfile => new Remedy(
                ManifestOf(component, declarations ?? []) is { } declared && EditLine(declared, safe) is { } edit
                    ? edit with { Description = $"{declared.Location.Path}: require {component.NormalizedName}>={safe} (then relock)" }
                    : null,
                LockCommand(component.Location.Path, component.NormalizedName)),
            ComponentSource.Requirements => ForRequirements(component, safe),
            ComponentSource.PyProject => new Remedy(EditLine(component, safe), null),
            _ => Remedy.None,
        };
    }

    /// <summary>The <c>pyproject.toml</c> range beside the lockfile that declares the same package, if any.</summary>
    private static Component? ManifestOf(Component locked, IEnumerable<Component> declarations)
    {
        var directory = Path.GetDirectoryName(locked.Location.Path) ?? "";
        return declarations.FirstOrDefault(d =>
            d.Source == ComponentSource.PyProject && d.Version is null && d.Url is null
            && d.NormalizedName == locked.NormalizedName
            && (Path.GetDirectoryName(d.Location.Path) ?? "") == directory);
    }

    /// <summary>The command that upgrades <paramref name="package"/> in the lockfile at <paramref name="path"/>, run where the lockfile is.</summary>
    public static string? LockCommand(string path, string package)
    {
        var name = Path.GetFileName(path);
        var command = name switch
        {
            "uv.lock" => $"uv lock --upgrade-package {package}",
            "poetry.lock" => $"poetry update {package}",
            "pdm.lock" => $"pdm update {package}",
            "Pipfile.lock" => $"pipenv update {package}",
            _ => null, // pylock.toml: written by several tools (pip lock, uv export, pdm export); none is known to be the one
        };
        return command is null ? null : InDirectory(Path.GetDirectoryName(path) ?? "", command);
    }

    private Remedy ForRequirements(Component component, PythonVersion safe)
    {
        var facts = _files.GetOrAdd(component.Location.Path, Read);
        if (facts is null)
        {
            return Remedy.None;
        }

        if (facts.Hashed)
        {
            // the pins and their hashes are the compiler's output: only it can write them
            var command = facts.CompileCommand is { } compile
                ? InDirectory(facts.RunDirectory(component.Location.Path), $"{compile} --upgrade-package {component.NormalizedName}=={safe}")
                : null;
            return new Remedy(null, command);
        }

        return new Remedy(EditLine(component, safe), null);
    }

    private RequirementsFileFacts? Read(string path) =>
        project.TryRead(path, out var content, out _) ? RequirementsFileFacts.Of(content.Text) : null;

    private static string InDirectory(string directory, string command)
    {
        return string.IsNullOrEmpty(directory) ? command : $"cd {ShellQuote(directory.Replace('\\', '/'))} && {command}";
    }

    private static string ShellQuote(string text) =>
        SafeShellWord().IsMatch(text) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The edit of the requirement on the component's line: <c>==OLD</c> becomes <c>==SAFE</c>; for a range the lower
    /// bound becomes <c>&gt;=SAFE</c> (added when there is none). Null when the requirement cannot be found on that line
    /// as written (a continuation line, a Poetry table) or when the edited range would not admit the safe release.
    /// </summary>
    private Fix? EditLine(Component component, PythonVersion safe)
    {
        if (!project.TryRead(component.Location.Path, out var content, out _) || content.Line(component.Location.StartLine) is not { } line)
        {
            return null;
        }

        var from = Math.Clamp(component.Location.StartColumn - 1, 0, line.Length);
        var nameMatch = NameAt(line, from, component.Name);
        if (nameMatch < 0)
        {
            return null;
        }

        if (component.Source == ComponentSource.PyProject && (nameMatch == 0 || line[nameMatch - 1] is not ('"' or '\'')))
        {
            // a PEP 508 string of [project] or [dependency-groups]; a Poetry table (django = "^1.11") has its own syntax
            return null;
        }

        var afterName = nameMatch + component.Name.Length;
        afterName = SkipExtras(line, afterName);
        var end = SpecifierEnd(line, afterName);
        var written = line[afterName..end];
        var replacement = component.Version is { } pinned ? RePin(written, pinned, safe) : RaiseLowerBound(written, safe);
        if (replacement is null || replacement == written)
        {
            return null;
        }

        var span = new SourceSpan(component.Location.Path, component.Location.StartLine, afterName + 1, component.Location.StartLine, end + 1);
        var description = component.Version is { } version
            ? $"{component.NormalizedName} {version} → {safe}"
            : $"{component.NormalizedName}: require >={safe}";
        return new Fix(description, [new TextEdit(span, replacement)]);
    }

    private static int NameAt(string line, int from, string name)
    {
        for (var at = line.IndexOf(name, from, StringComparison.OrdinalIgnoreCase); at >= 0; at = line.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : line[at - 1];
            var after = at + name.Length < line.Length ? line[at + name.Length] : ' ';
            if (!IsNameChar(before) && !IsNameChar(after))
            {
                return at;
            }
        }

        return -1;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static int SkipExtras(string line, int at)
    {
        var i = at;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        if (i < line.Length && line[i] == '[')
        {
            var close = line.IndexOf(']', i);
            return close < 0 ? at : close + 1;
        }

        return at;
    }

    /// <summary>Where the specifier written after the name ends: at a marker, a comment, an option, a closing quote or the line's end.</summary>
    private static int SpecifierEnd(string line, int at)
    {
        var i = at;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ';' or '#' or '"' or '\'' or '\\' || (c == ' ' && i + 1 < line.Length && line[i + 1] == '-'))
            {
                break;
            }

            i++;
        }

        // trailing spaces belong to what follows
        while (i > at && line[i - 1] == ' ')
        {
            i--;
        }

        return i;
    }

    /// <summary><c>==OLD</c> (spaces kept) with the safe version; null when the text is not that pin.</summary>
    private static string? RePin(string written, string pinned, PythonVersion safe)
    {
        var match = PinPattern().Match(written);
        if (!match.Success || match.Groups["version"].Value != pinned.Trim())
        {
            return null;
        }

        var version = match.Groups["version"];
        return written[..version.Index] + safe + written[(version.Index + version.Length)..];
    }

    /// <summary>The range with <c>&gt;=SAFE</c> as its lower bound; null when the range would not admit SAFE then (an upper bound below it).</summary>
    private static string? RaiseLowerBound(string written, PythonVersion safe)
    {
        string result;
        var lower = LowerBoundPattern().Match(written);
        if (lower.Success)
        {
            // the operator becomes >= (a > bound would exclude the safe release itself); spacing is kept as written
            var version = lower.Groups["version"];
            result = written[..lower.Index] + ">=" + lower.Groups["space"].Value + safe + written[(version.Index + version.Length)..];
        }
        else if (written.Trim().Length == 0)
        {
            result = $">={safe}" + written;
        }
        else
        {
            var start = written.Length - written.TrimStart().Length;
            result = written[..start] + $">={safe}," + written[start..];
        }

        var parsed = SpecifierSet.TryParse(result.Trim().TrimStart('(').TrimEnd(')'), out var set) ? set : null;
        return parsed is not null && parsed.Contains(safe, preReleases: true) ? result : null;
    }

    [GeneratedRegex(@"^\s*\(?\s*==\s*(?<version>[A-Za-z0-9.!+_-]+)\s*\)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PinPattern();

    // a >= or > clause (not a >=... inside ~=), with its version
    [GeneratedRegex(@"(?<![~=!<])>=?(?<space>\s*)(?<version>[A-Za-z0-9.!+_*-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex LowerBoundPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._/+-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeShellWord();
}

/// <summary>What a requirements file says about how it was made: hashes, and the compile command in its header.</summary>
internal sealed partial record RequirementsFileFacts(bool Hashed, string? CompileCommand, IReadOnlyList<string> Inputs)
{
    /// <summary>
    /// Reads the header pip-compile and <c>uv pip compile</c> write:
    /// <code>
    /// # This file is autogenerated by pip-compile with Python 3.12
    /// # by the following command:
    /// #
    /// #    pip-compile --generate-hashes --output-file=requirements/main.txt requirements/main.in
    /// </code>
    /// uv writes <c># This file was autogenerated by uv via the following command:</c> then <c>#    uv pip compile …</c>.
    /// The command line is taken as written (it names the <c>.in</c> inputs and the options, <c>--generate-hashes</c>
    /// included); the inputs are its arguments that end in <c>.in</c>, <c>.txt</c> or name <c>pyproject.toml</c>.
    /// </summary>
    public static RequirementsFileFacts Of(string text)
    {
        string? command = null;
        string? output = null;
        var inputs = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length && i < 20; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!line.StartsWith('#'))
            {
                break;
            }

            var body = line[1..].Trim();
            if (body.StartsWith("pip-compile", StringComparison.Ordinal) || body.StartsWith("uv pip compile", StringComparison.Ordinal))
            {
                command = body;
                var previous = "";
                foreach (var word in body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                {
                    if (previous is "-o" or "--output-file")
                    {
                        output = word;
                    }
                    else if (word.StartsWith("--output-file=", StringComparison.Ordinal))
                    {
                        output = word["--output-file=".Length..];
                    }
                    else if (!word.StartsWith('-') && (word.EndsWith(".in", StringComparison.Ordinal) || word.EndsWith(".txt", StringComparison.Ordinal) || word.EndsWith("pyproject.toml", StringComparison.Ordinal)))
                    {
                        inputs.Add(word);
                    }

                    previous = word;
                }

                break;
            }
        }

        return new RequirementsFileFacts(HashOption().IsMatch(text), command, inputs) { Output = output };
    }

    /// <summary>The output file the command names (<c>--output-file</c>, <c>-o</c>), as written; null when it names none.</summary>
    public string? Output { get; init; }

    /// <summary>
    /// Where the compile command runs for the file at <paramref name="path"/> (relative to the project root): the
    /// root when the command names the file by that path (pip-compile's header has
    /// <c>--output-file=requirements/main.txt</c>), the file's directory when it names the file alone or names no
    /// output and its inputs have no directory part.
    /// </summary>
    public string RunDirectory(string path)
    {
        var normalized = path.Replace('\\', '/');
        var directory = Path.GetDirectoryName(normalized)?.Replace('\\', '/') ?? "";
        if (Output is { } output)
        {
            return output.TrimStart('.', '/') == normalized ? "" : directory;
        }

        return Inputs.Any(i => i.Contains('/', StringComparison.Ordinal)) ? "" : directory;
    }

    [GeneratedRegex(@"(?m)^[^#\n]*--hash[=\s]", RegexOptions.CultureInvariant)]
    private static partial Regex HashOption();
}
